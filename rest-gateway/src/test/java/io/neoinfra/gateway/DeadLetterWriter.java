package io.neoinfra.gateway;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Writes a record to the dead-letter topic as the processor does: the original, plus the neo-dlt-* headers. */
public final class DeadLetterWriter {

  private DeadLetterWriter() {}

  /** The dead letter's API id ({@code <partition>-<offset>}). */
  public static String write(KafkaTestBroker broker, Topics topics, String sourceTopic, String key, String value, String errorClass) {
    var record = new ProducerRecord<String, byte[]>(topics.deadLetters(), key,
        value.getBytes(StandardCharsets.UTF_8));
    header(record, "ce_type", "io.neoinfra.database.created");
    header(record, DeadLetterHeaders.ERROR_CLASS, errorClass);
    header(record, DeadLetterHeaders.ERROR_MESSAGE, "test failure");
    header(record, DeadLetterHeaders.SOURCE_TOPIC, sourceTopic);
    header(record, DeadLetterHeaders.SOURCE_PARTITION, "0");
    header(record, DeadLetterHeaders.SOURCE_OFFSET, "0");
    header(record, DeadLetterHeaders.ATTEMPTS, "1");
    header(record, DeadLetterHeaders.LAST_FAILURE_AT, Instant.now().toString());
    header(record, DeadLetterHeaders.DATABASE_ID, key);
    try (var producer = new KafkaProducer<String, byte[]>(broker.producerProps())) {
      RecordMetadata written = producer.send(record).get();
      return written.partition() + "-" + written.offset();
    } catch (Exception e) {
      throw new IllegalStateException("could not write the dead letter", e);
    }
  }

  private static void header(ProducerRecord<String, byte[]> record, String key, String value) {
    record.headers().add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
