package io.neoinfra.processor;

import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.tasks.TaskStarted;
import io.neoinfra.schemas.tasks.TaskSucceeded;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A scripted stand-in for the migration worker (being written in parallel): a plain consumer of the task topics that
 * answers each task through its script, by default TaskStarted then TaskSucceeded applying version 1.
 */
final class FakeWorker implements AutoCloseable {

  private final Thread thread;
  private final Contracts contracts = new Contracts();
  private final Map<String, Function<MigrationTask, List<TaskResult>>> scripts = new ConcurrentHashMap<>();
  private final List<MigrationTask> received = new CopyOnWriteArrayList<>();
  private final Set<String> targetsSeen = ConcurrentHashMap.newKeySet();
  private volatile boolean running = true;

  FakeWorker(KafkaTestBroker broker, Topics topics) {
    var consumerProps = broker.consumerProps(KafkaTestBroker.uniqueName("fake-worker"));
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps);
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(broker.producerProps());
    consumer.subscribe(topics.tasksAll());
    thread = new Thread(() -> {
      try (consumer; producer) {
        while (running) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            if (!(contracts.tasks().codec().read(record.value()) instanceof Decoded.Valid<MigrationTask> valid)) {
              continue;
            }
            MigrationTask task = valid.value();
            received.add(task);
            targetsSeen.add(task.targetId());
            for (TaskResult result : scripts.getOrDefault(task.targetId(), FakeWorker::succeed).apply(task)) {
              producer.send(new ProducerRecord<>(topics.results(), task.executionId(),
                  contracts.results().serializer().serialize(topics.results(), result)));
            }
          }
          producer.flush();
        }
      }
    }, "fake-worker");
    thread.setDaemon(true);
    thread.start();
  }

  /** Answers the tasks of {@code targetId} with {@code script}. */
  void script(String targetId, Function<MigrationTask, List<TaskResult>> script) {
    scripts.put(targetId, script);
  }

  static List<TaskResult> succeed(MigrationTask task) {
    Instant now = Instant.now();
    return List.of(new TaskStarted(task.taskId(), task.executionId(), task.targetId(), task.attempt(), "fake", now),
        new TaskSucceeded(task.taskId(), task.executionId(), task.targetId(), task.attempt(), "fake", now, "0", "1",
            List.of(new AppliedScript("1", "V1__init.sql", 1)), List.of()));
  }

  List<MigrationTask> received() {
    return received;
  }

  Set<String> targetsSeen() {
    return targetsSeen;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
  }
}
