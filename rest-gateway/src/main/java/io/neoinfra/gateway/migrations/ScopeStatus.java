package io.neoinfra.gateway.migrations;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scope's databases at a glance.
 *
 * @param databases how many targets (registered databases, and tenant schemas seen in executions)
 * @param latestVersion the highest version any of them is at ({@code null}: none migrated yet)
 * @param versions how many targets are at each version ({@code "none"}: never migrated)
 * @param behindLatest how many are below {@code latest_version} (never-migrated ones included)
 * @param failing how many failed in the newest execution that touched them
 */
public record ScopeStatus(int databases, String latestVersion, Map<String, Integer> versions, int behindLatest,
    int failing) {

  public ScopeStatus {
    // Shared by every status response until the view changes: nobody may alter it. Sorted by version.
    versions = Collections.unmodifiableMap(new TreeMap<>(versions));
  }
}
