package io.neoinfra.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.schemas.events.Priority;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void namesTheTopicsOfTheDesignUnderTheDefaultPrefix() {
    Topics topics = Topics.withDefaultPrefix();

    assertThat(topics.lifecycleAll()).containsExactly(
        "neo.lifecycle.critical", "neo.lifecycle.high", "neo.lifecycle.normal", "neo.lifecycle.low");
    assertThat(topics.tasks(Priority.LOW)).isEqualTo("neo.migration.tasks.low");
    assertThat(topics.retry("5s")).isEqualTo("neo.migration.retry.5s");
    assertThat(topics.deadLetters()).isEqualTo("neo.migration.dlt");
    assertThat(topics.results()).isEqualTo("neo.migration.results");
    assertThat(topics.executions()).isEqualTo("neo.migration.executions");
    assertThat(topics.databases()).isEqualTo("neo.databases");
  }

  @Test
  void namesTheHealthCheckTopicsUnderThePrefix() {
    Topics topics = new Topics("staging.neo.");

    assertThat(topics.healthRequests()).isEqualTo("staging.neo.health.requests");
    assertThat(topics.healthResults()).isEqualTo("staging.neo.health.results");
  }

  @Test
  void appliesAConfiguredPrefixEverywhere() {
    Topics topics = new Topics("staging.neo.");

    assertThat(topics.lifecycle(Priority.HIGH)).isEqualTo("staging.neo.lifecycle.high");
    assertThat(topics.priorityOf("staging.neo.migration.tasks.critical")).contains(Priority.CRITICAL);
  }

  @Test
  void refusesAPrefixKafkaWouldRefuse() {
    assertThatThrownBy(() -> new Topics("neo/")).isInstanceOf(IllegalArgumentException.class);
  }
}
