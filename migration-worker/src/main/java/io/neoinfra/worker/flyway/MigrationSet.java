package io.neoinfra.worker.flyway;

import io.neoinfra.schemas.events.Scope;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The resolved scripts of one scope: the ones Flyway sees ({@code V…} and {@code R…}) and, apart, the undo scripts
 * ({@code U<version>__…}) that only the worker's undo reads. Keeping undo scripts out of Flyway's view means the free
 * edition never sees them, whatever its resolver does with a {@code U} prefix.
 */
public record MigrationSet(Scope scope, List<BundleScript> flywayScripts, Map<String, BundleScript> undoScripts) {

  public MigrationSet {
    flywayScripts = List.copyOf(flywayScripts);
    undoScripts = Map.copyOf(undoScripts);
  }

  /** The undo script of a version ({@code 1.1} finds {@code U1_1__…} and {@code U1.1__…}). */
  public Optional<BundleScript> undoScript(String version) {
    return Optional.ofNullable(undoScripts.get(normalize(version)));
  }

  /** The highest versioned migration of the set, or empty for a set without any. */
  public Optional<String> latestVersion() {
    return flywayScripts.stream()
        .map(BundleScript::getFilename)
        .filter(name -> name.startsWith("V"))
        .map(name -> MigrationVersion.fromVersion(versionOf(name)))
        .max(Comparator.naturalOrder())
        .map(MigrationVersion::getVersion);
  }

  /** A Flyway resource provider over the in-memory scripts: no classpath or filesystem scan per task. */
  public ResourceProvider resourceProvider() {
    return new ResourceProvider() {
      @Override
      public LoadableResource getResource(String name) {
        return flywayScripts.stream().filter(s -> s.getFilename().equals(name)).findFirst().orElse(null);
      }

      @Override
      public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return flywayScripts.stream()
            .filter(s -> s.getFilename().startsWith(prefix))
            .filter(s -> List.of(suffixes).stream().anyMatch(suffix -> s.getFilename().endsWith(suffix)))
            .map(LoadableResource.class::cast)
            .toList();
      }
    };
  }

  /** {@code V1_2__x.sql} → {@code 1_2} (the raw version part after the one-letter prefix). */
  static String versionOf(String filename) {
    int separator = filename.indexOf("__");
    return separator < 1 ? "" : filename.substring(1, separator);
  }

  /** {@code 1_2}, {@code 1.2} and {@code 01.2} name the same Flyway version. */
  static String normalize(String version) {
    return MigrationVersion.fromVersion(version.replace('_', '.')).getVersion();
  }
}
