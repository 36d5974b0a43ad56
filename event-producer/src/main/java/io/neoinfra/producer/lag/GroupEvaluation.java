package io.neoinfra.producer.lag;

import java.time.Instant;
import java.util.List;

/**
 * The verdict on a consumer group: the worst of its partitions' verdicts (OK when it has none).
 *
 * @param samples how many samples of the window the verdict used
 */
public record GroupEvaluation(
    String groupId, LagStatus status, Instant evaluatedAt, int samples, List<PartitionEvaluation> partitions) {

  public GroupEvaluation {
    partitions = List.copyOf(partitions);
  }
}
