package io.neoinfra.reliability.soak;

import java.util.Map;

/**
 * One sampling instant of the soak.
 *
 * @param elapsedSeconds since the load started
 * @param rssMb resident set size per service, MiB (absent when the process was gone)
 * @param heapMb heap in use per service, MiB (garbage not yet collected included)
 * @param liveHeapMb heap left after a full collection per service, MiB; empty in samples that did not measure it
 * @param lag consumer lag per consumer group, records
 * @param eventsPublished lifecycle events published so far
 * @param reads API reads answered so far
 * @param serverErrors API answers with a 5xx status so far
 * @param executionsCompleted executions seen COMPLETED so far
 */
public record Sample(double elapsedSeconds, Map<String, Double> rssMb, Map<String, Double> heapMb,
    Map<String, Double> liveHeapMb, Map<String, Long> lag, long eventsPublished, long reads, long serverErrors,
    long executionsCompleted) {

  public Sample {
    rssMb = Map.copyOf(rssMb);
    heapMb = Map.copyOf(heapMb);
    liveHeapMb = Map.copyOf(liveHeapMb);
    lag = Map.copyOf(lag);
  }
}
