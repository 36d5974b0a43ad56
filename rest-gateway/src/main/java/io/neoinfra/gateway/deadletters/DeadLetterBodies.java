package io.neoinfra.gateway.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.producer.deadletter.DeadLetter;
import io.neoinfra.producer.deadletter.ReplayReport;
import io.neoinfra.producer.deadletter.ReplayReportJson;
import io.neoinfra.schemas.redaction.RedactionPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a dead letter and of a replay report, in the shapes {@code neo-events dlt show|replay --json} prints
 * (snake_case), redacted by the platform's {@link RedactionPolicy} (a record that failed validation may carry a password
 * a foreign publisher did not encrypt, and no response may show one, sealed or not). A JSON value is shown redacted;
 * any other value only by its size.
 */
final class DeadLetterBodies {

  private final ObjectMapper mapper;
  private final RedactionPolicy redaction = RedactionPolicy.standard();

  DeadLetterBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  Map<String, Object> letter(String topic, DeadLetter letter) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", DeadLetterIds.format(letter.id()));
    body.put("topic", topic);
    body.put("partition", letter.id().partition());
    body.put("offset", letter.id().offset());
    body.put("timestamp", letter.timestamp());
    body.put("key", letter.key());
    body.put("event_type", letter.eventType());
    body.put("error_class", letter.failure().errorClass());
    body.put("error_message", redaction.redactText(letter.failure().message()));
    body.put("attempts", letter.failure().attempts());
    body.put("first_failure_at", letter.failure().firstFailureAt());
    body.put("last_failure_at", letter.failure().lastFailureAt());
    body.put("dead_lettered_by", letter.failure().deadLetteredBy());
    body.put("source_topic", letter.origin().topic());
    body.put("source_partition", letter.origin().partition());
    body.put("source_offset", letter.origin().offset());
    body.put("database_id", letter.databaseId());
    body.put("execution_id", letter.executionId());
    body.put("replayed_from", letter.replayedFrom());
    Map<String, Object> headers = new LinkedHashMap<>();
    for (DeadLetter.RawHeader header : letter.headers()) {
      byte[] value = redaction.redactHeader(header.key(), header.value());
      headers.put(header.key(), value == null ? null : printable(value));
    }
    body.put("headers", headers);
    putValue(body, letter.value());
    return body;
  }

  /** The library's report ({@link ReplayReportJson}), each outcome with its API id first. */
  Map<String, Object> report(ReplayReport report) {
    Map<String, Object> body = ReplayReportJson.report(report);
    List<Map<String, Object>> outcomes = new ArrayList<>();
    report.outcomes().forEach(o -> {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("id", DeadLetterIds.format(o.id()));
      node.putAll(ReplayReportJson.outcome(o));
      outcomes.add(node);
    });
    body.put("outcomes", outcomes);
    return body;
  }

  private void putValue(Map<String, Object> body, byte[] value) {
    if (value == null) {
      body.put("value_form", "none");
      return;
    }
    try {
      JsonNode tree = mapper.readTree(value);
      if (tree != null && !tree.isMissingNode()) {
        body.put("value_form", "json");
        body.put("value", mapper.convertValue(redaction.redactJson(tree), Object.class));
        return;
      }
    } catch (IOException notJson) {
      // described below, not shown
    }
    // Text or binary cannot be searched for credentials reliably: only its size (the CLI shows it to people with
    // read access to the topic itself).
    body.put("value_form", printable(value).startsWith("base64:") ? "binary" : "text");
    body.put("value_bytes", value.length);
  }

  private static String printable(byte[] value) {
    String text = new String(value, StandardCharsets.UTF_8);
    return text.chars().allMatch(c -> c >= 0x20 || c == '\t' || c == '\n') && !text.contains("\uFFFD")
        ? text : "base64:" + Base64.getEncoder().encodeToString(value);
  }
}
