package io.neoinfra.devstack.secrets;

import io.neoinfra.schemas.topics.Topics;

/**
 * The topics whose contract is to carry a sealed credential ({@code neo-enc:…}), and nothing else may: the lifecycle
 * topics (a database event's {@code password}), the compacted registry {@code databases} (the processor's
 * {@code DatabaseRecord}), the processor's command topics (an execution's resolved targets, each with its connection),
 * the task topics and the retry topics (a task's {@code connection.password}, the one the worker decrypts), and the
 * processor's own changelog and repartition topics (its registry, execution and pending-retry stores hold the same
 * records). The dead-letter topic, the results, the executions, the tenants and every other topic never
 * carry one; neither does any log line, HTTP response or CLI output.
 */
record SealedValueTopics(Topics topics, String processorApplicationId) {

  boolean mayCarrySealedValues(String topic) {
    return topics.lifecycleAll().contains(topic)
        || topic.equals(topics.databases())
        || topic.startsWith(topics.prefix() + "migration.commands.")
        || topics.tasksAll().contains(topic)
        || topic.startsWith(topics.prefix() + "migration.retry.")
        || topic.startsWith(processorApplicationId + "-") && (topic.endsWith("-changelog")
            || topic.endsWith("-repartition"));
  }
}
