package io.neoinfra.gateway.publishing;

import io.neoinfra.schemas.cloudevents.LifecycleEventCodec;
import io.neoinfra.schemas.crypto.CredentialCipher;
import io.neoinfra.schemas.events.DatabaseCreated;
import io.neoinfra.schemas.events.DatabaseDeleted;
import io.neoinfra.schemas.events.LifecycleEvent;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.topics.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Publishes through the shared CloudEvents codec on a plain idempotent producer. Stands in for the event-producer
 * library's {@code LifecycleEventPublisher} with the same behaviour (validate, encrypt, binary-mode CloudEvent).
 */
final class KafkaEventPublishing implements EventPublishing, AutoCloseable {

  private final Producer<String, byte[]> producer;
  private final LifecycleEventCodec codec;
  private final CredentialCipher cipher;
  private final Topics topics;
  private final URI source;

  KafkaEventPublishing(Producer<String, byte[]> producer, LifecycleEventCodec codec, CredentialCipher cipher,
      Topics topics, URI source) {
    this.producer = producer;
    this.codec = codec;
    this.cipher = cipher;
    this.topics = topics;
    this.source = source;
  }

  @Override
  public CompletableFuture<Published> databaseCreated(NewConnection c, Priority priority) {
    var event = new DatabaseCreated(c.databaseId(), c.databaseName(), c.connectionType(), c.region(), c.engine(),
        c.host(), c.port(), c.username(), c.password() == null ? null : cipher.encrypt(c.password()),
        c.autoMigrate(), c.migrationTimeout(), c.tenantId());
    return publish(event, priority);
  }

  @Override
  public CompletableFuture<Published> databaseDeleted(String databaseId, Priority priority) {
    return publish(new DatabaseDeleted(databaseId), priority);
  }

  @Override
  public CompletableFuture<Published> publish(LifecycleEvent event, Priority priority) {
    ProducerRecord<String, byte[]> record = codec.encode(topics.lifecycle(priority), event, source);
    Header idHeader = record.headers().lastHeader("ce_id");
    String eventId = idHeader == null ? null : new String(idHeader.value(), StandardCharsets.UTF_8);
    CompletableFuture<Published> done = new CompletableFuture<>();
    producer.send(record, (metadata, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
      } else {
        done.complete(new Published(metadata.topic(), metadata.partition(), metadata.offset(), eventId, record.key()));
      }
    });
    return done;
  }

  @Override
  public void close() {
    producer.close();
  }
}
