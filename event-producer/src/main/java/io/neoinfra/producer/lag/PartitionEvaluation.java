package io.neoinfra.producer.lag;

import java.time.Duration;

/** The verdict on one partition, with the latest figures it was based on. */
public record PartitionEvaluation(
    String topic, int partition, LagStatus status, LagReason reason, Long lag, Duration timeLag) {}
