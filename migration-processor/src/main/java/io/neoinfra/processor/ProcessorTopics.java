package io.neoinfra.processor;

import io.neoinfra.processor.retry.RetryTiers;
import io.neoinfra.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * The topic names this processor reads and writes: the shared ones of {@link Topics}, one retry topic per tier, and
 * its own internal command topic, which carries a started execution to the partition that owns its id.
 */
public record ProcessorTopics(Topics shared, RetryTiers tiers) {

  /** Executions to start, keyed by execution id; written and read only by the processor. */
  public String commands() {
    return shared.prefix() + "migration.commands";
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
    all.add(commands());
    return all;
  }

  /** The compacted ones: the latest value per key is the state. */
  public List<String> compacted() {
    return List.of(shared.databases(), shared.tenants(), shared.executions());
  }
}
