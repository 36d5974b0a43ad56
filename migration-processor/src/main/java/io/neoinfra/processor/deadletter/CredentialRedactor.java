package io.neoinfra.processor.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes plaintext credentials from a record before it is copied to the dead-letter topic. A field whose name looks
 * like a credential keeps its value only if it is a {@code neo-enc:v2:} (or retired {@code neo-enc:v1:}) ciphertext; anything else (a plain password
 * sent by mistake, the likely reason the record was refused) becomes {@value #REDACTED}. Readable JSON is rewritten
 * field by field at any depth; unreadable bytes (truncated JSON) are scrubbed by pattern, so that a cut-off
 * {@code "password": "hunter2} is caught too.
 */
public final class CredentialRedactor {

  public static final String REDACTED = "***redacted***";

  private static final Pattern NAME = Pattern.compile("(?i).*(password|passwd|pwd|secret|credential|token).*");
  private static final Pattern CIPHERTEXT = Pattern.compile(
      "^neo-enc:(v2:[A-Za-z0-9_-]{16,4096}|v1:[A-Za-z0-9_.-]{1,64}:[A-Za-z0-9_-]{16,4096})$");
  private static final Pattern RAW = Pattern.compile(
      "(\"[^\"]*(?i:password|passwd|pwd|secret|credential|token)[^\"]*\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)|[^,}\\]\\s]+)");

  private final ObjectMapper mapper;

  public CredentialRedactor(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The payload with every plaintext credential replaced; the same array when there was none. */
  public byte[] redact(byte[] payload) {
    if (payload == null || payload.length == 0) {
      return payload;
    }
    try {
      JsonNode tree = mapper.readTree(payload);
      if (tree != null && !tree.isMissingNode() && redactTree(tree)) {
        return mapper.writeValueAsBytes(tree);
      }
      if (tree != null && !tree.isMissingNode()) {
        return payload;
      }
    } catch (IOException | RuntimeException notJson) {
      // fall through to the pattern: the bytes are not (complete) JSON
    }
    String text = new String(payload, StandardCharsets.UTF_8);
    Matcher m = RAW.matcher(text);
    StringBuilder out = new StringBuilder();
    boolean changed = false;
    while (m.find()) {
      String value = m.group(2);
      String bare = value.startsWith("\"") ? value.substring(1, value.endsWith("\"") && value.length() > 1
          ? value.length() - 1 : value.length()) : value;
      if (CIPHERTEXT.matcher(bare).matches()) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
      } else {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "\"" + REDACTED + "\""));
        changed = true;
      }
    }
    m.appendTail(out);
    return changed ? out.toString().getBytes(StandardCharsets.UTF_8) : payload;
  }

  /** Whether a header value under this name must not be copied as it is. */
  public boolean isCredentialName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  private boolean redactTree(JsonNode node) {
    boolean changed = false;
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        if (isCredentialName(field.getKey()) && !value.isNull() && !value.isContainerNode()
            && !(value.isTextual() && CIPHERTEXT.matcher(value.asText()).matches())) {
          field.setValue(TextNode.valueOf(REDACTED));
          changed = true;
        } else {
          changed |= redactTree(value);
        }
      }
    } else if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        changed |= redactTree(item);
      }
    }
    return changed;
  }
}
