package io.neoinfra.processor;

import io.neoinfra.processor.retry.RetryTiers;
import io.neoinfra.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates every topic the processor uses, with its configuration, and leaves existing ones alone: compaction for the
 * state topics ({@code neo.databases}, {@code neo.tenants}, {@code neo.migration.executions}), unlimited retention
 * for the dead-letter topic (nothing is dropped silently), room for large execution views, a minute of retention for
 * the health check topics. The replication factor is the broker's default. Then checks that the execution side's
 * inputs are co-partitioned.
 */
public final class TopicSetup {

  /** Execution views list every target; 500 targets take about 150 KB, so the default 1 MiB is too tight. */
  public static final int MAX_VIEW_BYTES = io.neoinfra.schemas.serde.ContractCodec.MAX_EXECUTION_VIEW_BYTES;

  /** Retention of the health check topics (one minute). */
  public static final String SHORT_LIVED_RETENTION_MS = "60000";

  private TopicSetup() {}

  public static ProcessorTopics topics(ProcessorSettings settings) {
    return new ProcessorTopics(new Topics(settings.topicPrefix()),
        new RetryTiers(settings.retryTiers(), settings.maxAttempts(), settings.jitter()));
  }

  /** The configuration of each topic that is not the broker default. */
  public static Map<String, String> configOf(ProcessorTopics topics, String topic) {
    Map<String, String> config = new HashMap<>();
    if (topics.compacted().contains(topic)) {
      config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }
    if (topic.equals(topics.shared().deadLetters())) {
      config.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
    }
    if (topics.shortLived().contains(topic)) {
      // Retention only removes closed segments: the segment must roll as often, or a quiet topic keeps its records.
      config.put(TopicConfig.RETENTION_MS_CONFIG, SHORT_LIVED_RETENTION_MS);
      config.put(TopicConfig.SEGMENT_MS_CONFIG, SHORT_LIVED_RETENTION_MS);
    }
    if (topic.equals(topics.shared().executions())) {
      config.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_VIEW_BYTES));
    }
    return config;
  }

  /**
   * Creates the missing topics with {@code settings.partitions()} partitions.
   *
   * @throws IllegalStateException if the results and command topics have different partition counts
   */
  public static void ensure(ProcessorSettings settings) {
    ProcessorTopics topics = topics(settings);
    try (Admin admin = Admin.create(settings.kafka().clientProperties())) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : topics.all()) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, Optional.of(settings.partitions()), Optional.empty())
              .configs(configOf(topics, topic)));
        }
      }
      for (var result : admin.createTopics(missing).values().values()) {
        try {
          result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
            throw new IllegalStateException("cannot create the processor's topics", e.getCause());
          }
        }
      }
      List<String> coPartitioned = new ArrayList<>(topics.commandsAll());
      coPartitioned.add(topics.shared().results());
      Map<String, TopicDescription> described = describe(admin, coPartitioned);
      int results = described.get(topics.shared().results()).partitions().size();
      for (String commands : topics.commandsAll()) {
        int count = described.get(commands).partitions().size();
        if (count != results) {
          throw new IllegalStateException("results (" + results + " partitions) and " + commands + " (" + count
              + " partitions) must have the same partition count: an execution's results must reach the partition"
              + " that owns it");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot reach the broker to create topics", e);
    }
  }

  /**
   * Describes topics just created: the broker that answers may not have the controller's latest metadata yet and say
   * it does not know them, for a moment.
   */
  private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100); // metadata propagation takes milliseconds; nothing to wait on but time
      }
    }
  }
}
