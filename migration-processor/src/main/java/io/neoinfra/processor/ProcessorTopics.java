package io.neoinfra.processor;

import io.neoinfra.processor.retry.RetryTiers;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The topic names this processor reads and writes: the shared ones of {@link Topics}, one retry topic per tier, and
 * its own internal command topics, which carry a started execution to the partition that owns its id.
 */
public record ProcessorTopics(Topics shared, RetryTiers tiers) {

  /**
   * Executions to start, keyed by execution id, one topic per priority; written and read only by the processor. One
   * topic per priority because Kafka Streams can put a record ahead only of records buffered from other partitions,
   * never of those before it in its own (see {@code PriorityOrder}).
   */
  public String commands(Priority priority) {
    return shared.prefix() + "migration.commands." + priority.wireName();
  }

  public List<String> commandsAll() {
    return Arrays.stream(Priority.values()).map(this::commands).toList();
  }

  public List<String> retryAll() {
    return tiers.names().stream().map(shared::retry).toList();
  }

  /** Every topic the processor uses, for {@link TopicSetup}. */
  public List<String> all() {
    List<String> all = new ArrayList<>(shared.lifecycleAll());
    all.addAll(shared.tasksAll());
    all.addAll(retryAll());
    all.add(shared.databases());
    all.add(shared.tenants());
    all.add(shared.deadLetters());
    all.add(shared.results());
    all.add(shared.executions());
    all.addAll(commandsAll());
    all.addAll(shortLived());
    return all;
  }

  /**
   * The gateway's health requests and the workers' answers: worthless once the gateway stopped waiting, and a request
   * carries a sealed password, so they are kept a minute only. The processor never reads them; it creates them here
   * so that one place creates every topic.
   */
  public List<String> shortLived() {
    return List.of(shared.healthRequests(), shared.healthResults());
  }

  /** The compacted ones: the latest value per key is the state. */
  public List<String> compacted() {
    return List.of(shared.databases(), shared.tenants(), shared.executions());
  }
}
