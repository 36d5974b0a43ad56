package io.neoinfra.processor.fanout;

import io.neoinfra.schemas.tasks.MigrationTask;

/** A task and the topic it goes to (a priority's task topic or a retry tier's), for one sink that serves them all. */
public record RoutedTask(String topic, MigrationTask task) {}
