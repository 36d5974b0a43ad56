package io.neoinfra.schemas.topics;

import io.neoinfra.schemas.events.Priority;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The platform's topic names under a configurable prefix (default {@code neo.}). Every module takes its names from
 * here so that a prefix change reaches all of them.
 */
public record Topics(String prefix) {

  public static final String DEFAULT_PREFIX = "neo.";

  public Topics {
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.isEmpty() && !prefix.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("topic prefix may contain only letters, digits, '.', '_' and '-': " + prefix);
    }
  }

  public static Topics withDefaultPrefix() {
    return new Topics(DEFAULT_PREFIX);
  }

  public String lifecycle(Priority priority) {
    return prefix + "lifecycle." + priority.wireName();
  }

  public List<String> lifecycleAll() {
    return Arrays.stream(Priority.values()).map(this::lifecycle).toList();
  }

  public String databases() {
    return prefix + "databases";
  }

  public String tenants() {
    return prefix + "tenants";
  }

  public String tasks(Priority priority) {
    return prefix + "migration.tasks." + priority.wireName();
  }

  public List<String> tasksAll() {
    return Arrays.stream(Priority.values()).map(this::tasks).toList();
  }

  /** A retry tier's topic, e.g. {@code neo.migration.retry.5s}. */
  public String retry(String tier) {
    return prefix + "migration.retry." + tier;
  }

  public String deadLetters() {
    return prefix + "migration.dlt";
  }

  public String results() {
    return prefix + "migration.results";
  }

  public String executions() {
    return prefix + "migration.executions";
  }

  /** Live connection checks asked by the gateway, answered by any worker; short retention. */
  public String healthRequests() {
    return prefix + "health.requests";
  }

  /** The workers' answers to {@link #healthRequests()}, keyed by request id; short retention. */
  public String healthResults() {
    return prefix + "health.results";
  }

  /** The priority a lifecycle or task topic stands for, if it is one of ours. */
  public java.util.Optional<Priority> priorityOf(String topic) {
    return Arrays.stream(Priority.values())
        .filter(p -> topic.equals(lifecycle(p)) || topic.equals(tasks(p)))
        .findFirst();
  }
}
