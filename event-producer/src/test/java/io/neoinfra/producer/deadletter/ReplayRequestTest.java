package io.neoinfra.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayRequestTest {

  @Test
  void defaultsToTheSourceTopicAGentleRateAndNoForce() {
    ReplayRequest request = ReplayRequest.of(DeadLetterFilter.all()).requestedBy("alice").build();

    assertThat(request.targetTopic()).isNull();
    assertThat(request.ratePerSecond()).isEqualTo(ReplayRequest.DEFAULT_RATE_PER_SECOND);
    assertThat(request.dryRun()).isFalse();
    assertThat(request.force()).isFalse();
  }

  @Test
  void requiresWhoAsksForTheReplayLog() {
    assertThatThrownBy(() -> ReplayRequest.of(DeadLetterFilter.all()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestedBy");
  }

  @Test
  void refusesANegativeRate() {
    assertThatThrownBy(() -> ReplayRequest.of(DeadLetterFilter.all()).requestedBy("a").ratePerSecond(-1).build())
        .hasMessageContaining("ratePerSecond");
  }
}
