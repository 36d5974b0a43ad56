package io.neoinfra.gateway;

import org.awaitility.Awaitility;

import io.neoinfra.schemas.cloudevents.LifecycleEnvelope;
import io.neoinfra.schemas.cloudevents.LifecycleEventCodec;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.schemas.validation.ContractValidator;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads what the gateway published on {@code neo.lifecycle.*}, decoded with the shared CloudEvents codec. */
final class LifecycleTap implements AutoCloseable {

  record Seen(String topic, String key, byte[] raw, LifecycleEnvelope envelope) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final LifecycleEventCodec codec = new LifecycleEventCodec(NeoJson.newMapper(), new ContractValidator());
  private final List<Seen> seen = new ArrayList<>();

  LifecycleTap(KafkaTestBroker broker, Topics topics) {
    consumer = new KafkaConsumer<>(broker.consumerProps(KafkaTestBroker.uniqueName("tap")));
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics.lifecycleAll()) {
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Waits until an event matching {@code wanted} has been published, and returns it. */
  Seen await(Predicate<Seen> wanted) {
    return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> poll(wanted), Optional::isPresent).orElseThrow();
  }

  private Optional<Seen> poll(Predicate<Seen> wanted) {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
      Decoded<LifecycleEnvelope> decoded = codec.decode(r.headers(), r.value());
      if (decoded instanceof Decoded.Valid<LifecycleEnvelope> valid) {
        seen.add(new Seen(r.topic(), r.key(), r.value(), valid.value()));
      }
    }
    return seen.stream().filter(wanted).findFirst();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
