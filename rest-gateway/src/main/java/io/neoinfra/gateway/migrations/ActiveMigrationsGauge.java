package io.neoinfra.gateway.migrations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code neo_migrations_active}: executions of the view that are not terminal (pending ones included), read from the
 * cached summary, so a scrape costs no scan of the view.
 */
@Component
class ActiveMigrationsGauge {

  ActiveMigrationsGauge(MigrationStatus status, MeterRegistry registry) {
    Gauge.builder("neo.migrations.active", status, s -> s.summary().running())
        .description("Executions not yet COMPLETED, FAILED, CANCELLED or REJECTED")
        .register(registry);
  }
}
