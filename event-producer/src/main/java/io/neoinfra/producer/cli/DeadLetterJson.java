package io.neoinfra.producer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoinfra.producer.deadletter.DeadLetter;
import io.neoinfra.producer.deadletter.DeadLetterValues;
import io.neoinfra.schemas.redaction.RedactionPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JSON shapes the dlt commands print (snake_case, as everywhere on the platform), redacted by the platform's
 * {@link RedactionPolicy}: a dead letter may hold a password a publisher did not encrypt, and a terminal is no place
 * for a sealed one either.
 */
final class DeadLetterJson {

  private DeadLetterJson() {}

  static ObjectNode summary(ObjectMapper mapper, String topic, DeadLetter letter) {
    ObjectNode node = mapper.createObjectNode();
    node.put("topic", topic);
    node.put("partition", letter.id().partition());
    node.put("offset", letter.id().offset());
    node.put("timestamp", letter.timestamp().toString());
    node.put("key", letter.key());
    node.put("event_type", letter.eventType());
    node.put("error_class", letter.failure().errorClass());
    node.put("error_message", letter.failure().message());
    node.put("attempts", letter.failure().attempts());
    node.put("first_failure_at", text(letter.failure().firstFailureAt()));
    node.put("last_failure_at", text(letter.failure().lastFailureAt()));
    node.put("dead_lettered_by", letter.failure().deadLetteredBy());
    node.put("source_topic", letter.origin().topic());
    node.put("source_partition", letter.origin().partition());
    node.put("source_offset", letter.origin().offset());
    node.put("database_id", letter.databaseId());
    node.put("execution_id", letter.executionId());
    node.put("replayed_from", letter.replayedFrom());
    return (ObjectNode) RedactionPolicy.standard().redactJson(node);
  }

  static ObjectNode full(ObjectMapper mapper, String topic, DeadLetter letter) {
    ObjectNode node = summary(mapper, topic, letter);
    ObjectNode headers = node.putObject("headers");
    for (DeadLetter.RawHeader header : letter.headers()) {
      headers.put(header.key(), header.value() == null ? null : printable(header.value()));
    }
    DeadLetterValues.Rendered value = DeadLetterValues.render(letter.value(), mapper);
    node.put("value_form", value.form().name().toLowerCase(java.util.Locale.ROOT));
    if (value.form() == DeadLetterValues.Form.JSON) {
      try {
        node.set("value", mapper.readTree(letter.value()));
      } catch (java.io.IOException cannotHappen) {
        node.put("value", value.text());
      }
    } else {
      node.put("value", value.text());
    }
    return (ObjectNode) RedactionPolicy.standard().redactJson(node);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static String printable(byte[] value) {
    String text = new String(value, StandardCharsets.UTF_8);
    return text.chars().allMatch(c -> c >= 0x20 || c == '\t') && !text.contains("\uFFFD")
        ? text : "base64:" + Base64.getEncoder().encodeToString(value);
  }
}
