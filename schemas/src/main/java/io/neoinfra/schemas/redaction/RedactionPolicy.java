package io.neoinfra.schemas.redaction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's one answer to "may this be shown?": every module that copies a record, a request or a message to a
 * place people read (dead letters, logs, problem responses, CLI output) passes it through here first.
 *
 * <ul>
 *   <li>A value under a secret name ({@link SecretKeys}) is replaced whole, whatever it is: a plaintext password, a
 *       sealed {@code neo-enc:} value, a number, an object.</li>
 *   <li>A secret-looking value ({@link SecretValues}: sealed values, JWTs, {@code Bearer}/{@code Basic}
 *       credentials) is replaced wherever it occurs, under any name, inside any text.</li>
 *   <li>Text that is not JSON (a log line, a truncated record) is scrubbed by pattern: {@code "name": value} and
 *       {@code name=value} pairs with a secret name lose their value.</li>
 * </ul>
 *
 * A redacted value is written as {@value #REDACTED}, so that a reader sees that something was there.
 */
public final class RedactionPolicy {

  /** What a redacted value is replaced with. */
  public static final String REDACTED = "[redacted]";

  private static final RedactionPolicy STANDARD = new RedactionPolicy();

  /**
   * {@code name<sep>value}: the name is not part of a longer word, the separator is {@code :} after a quoted name (JSON)
   * or {@code =} (settings, JAAS options), the value a quoted string (possibly cut off at the end of the text) or a bare
   * word. A bare {@code name: text} is prose ({@code $.password: does not match}), not a pair.
   */
  private static final Pattern PAIR = Pattern.compile("(?i)(?<![A-Za-z0-9_.\\-])(" + SecretKeys.namePattern()
      + ")([\"']\\s*:\\s*|[\"']?\\s*=\\s*)(\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)|'[^']*(?:'|$)|[^\\s,;&}\\]\"']+)");

  private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build()).build();

  private RedactionPolicy() {}

  /** The policy (it holds no state: one instance serves every caller). */
  public static RedactionPolicy standard() {
    return STANDARD;
  }

  /** Whether a value under this name (JSON key, header name, setting) must never be shown. */
  public boolean isSecretName(String name) {
    return SecretKeys.isSecret(name);
  }

  /** Whether the text holds a secret-looking value or a secret {@code name=value} pair. */
  public boolean containsSecret(String text) {
    return text != null && (SecretValues.containsSecret(text) || PAIR.matcher(text).find());
  }

  /** {@code text} with every secret value and every value of a secret-named pair replaced; null stays null. */
  public String redactText(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = SecretValues.replaceAll(text, REDACTED);
    Matcher pair = PAIR.matcher(out);
    if (!pair.find()) {
      return out;
    }
    StringBuilder result = new StringBuilder();
    do {
      String value = pair.group(3);
      String replaced = value.startsWith("\"") ? "\"" + REDACTED + "\""
          : value.startsWith("'") ? "'" + REDACTED + "'" : REDACTED;
      pair.appendReplacement(result, Matcher.quoteReplacement(pair.group(1) + pair.group(2) + replaced));
    } while (pair.find());
    pair.appendTail(result);
    return result.toString();
  }

  /** A copy of {@code node} with every secret replaced; the node itself is not changed. */
  public JsonNode redactJson(JsonNode node) {
    if (node == null) {
      return null;
    }
    JsonNode copy = node.deepCopy();
    JsonNode redacted = redactInPlace(copy);
    return redacted == null ? copy : redacted;
  }

  /**
   * A record's bytes with every secret replaced: JSON field by field at any depth, anything else (truncated JSON, text)
   * by pattern. Returns the same array when nothing had to change, and null for null.
   */
  public byte[] redactBytes(byte[] payload) {
    if (payload == null || payload.length == 0) {
      return payload;
    }
    try {
      JsonNode tree = mapper.readTree(payload);
      if (tree != null && !tree.isMissingNode()) {
        JsonNode redacted = redactJson(tree);
        return redacted.equals(tree) ? payload : mapper.writeValueAsBytes(redacted);
      }
    } catch (IOException | RuntimeException notJson) {
      // scrubbed as text below: the bytes are not (complete) JSON
    }
    String text = new String(payload, StandardCharsets.UTF_8);
    String redacted = redactText(text);
    return redacted.equals(text) ? payload : redacted.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A header's value as it may be copied: {@value #REDACTED} under a secret name, else the value with secret-looking
   * parts replaced (the same array when there were none). Null stays null.
   */
  public byte[] redactHeader(String name, byte[] value) {
    if (value == null) {
      return null;
    }
    if (isSecretName(name)) {
      return REDACTED.getBytes(StandardCharsets.UTF_8);
    }
    return redactBytes(value);
  }

  /** The node that replaces {@code node}, or null when it was changed in place (or needed no change). */
  private JsonNode redactInPlace(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        if (isSecretName(name) && !value.isNull()) {
          object.set(name, TextNode.valueOf(REDACTED));
        } else {
          JsonNode replacement = redactInPlace(value);
          if (replacement != null) {
            object.set(name, replacement);
          }
        }
      }
      return null;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode replacement = redactInPlace(array.get(i));
        if (replacement != null) {
          array.set(i, replacement);
        }
      }
      return null;
    }
    if (node != null && node.isTextual()) {
      String text = node.asText();
      String redacted = redactText(text);
      return redacted.equals(text) ? null : TextNode.valueOf(redacted);
    }
    return null;
  }
}
