package io.neoinfra.gateway;

import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes what the migration-processor would write (execution views, registry records) with the shared serdes, so
 * the gateway's reads are tested against the real topics until the processor is merged.
 */
public final class SimulatedProcessor implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final Topics topics;
  private final Contracts contracts = new Contracts();

  public SimulatedProcessor(KafkaTestBroker broker, Topics topics) {
    this.producer = new KafkaProducer<>(broker.producerProps());
    this.topics = topics;
  }

  public void execution(ExecutionView view) {
    send(new ProducerRecord<>(topics.executions(), view.id(),
        contracts.executions().serializer().serialize(topics.executions(), view)));
  }

  public void database(DatabaseRecord record) {
    send(new ProducerRecord<>(topics.databases(), record.databaseId(),
        contracts.databases().serializer().serialize(topics.databases(), record)));
  }

  public void raw(String topic, String key, byte[] value) {
    send(new ProducerRecord<>(topic, key, value));
  }

  private void send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write " + record.topic(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
