package io.neoinfra.worker.flyway;

import io.neoinfra.schemas.events.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The migration bundle: a directory ({@code filesystem:/opt/bundle}) or classpath location
 * ({@code classpath:neo/migrations}) with one folder per scope ({@code admin/}, {@code regional/}, {@code tenant/}).
 * Each folder is read once, on first use, and kept: tasks never scan again.
 */
public final class MigrationBundle {

  private final String location;
  private final ClassLoader classLoader;
  private final Map<Scope, Optional<MigrationSet>> sets = new ConcurrentHashMap<>();

  public MigrationBundle(String location, ClassLoader classLoader) {
    this.location = location;
    this.classLoader = classLoader;
  }

  public String location() {
    return location;
  }

  /** The set of a scope, or empty if the scope has none ({@link Scope#ALL}, or a missing or empty folder). */
  public Optional<MigrationSet> set(Scope scope) {
    if (scope == null || scope == Scope.ALL) {
      return Optional.empty();
    }
    return sets.computeIfAbsent(scope, this::resolve);
  }

  private Optional<MigrationSet> resolve(Scope scope) {
    Map<String, String> files = location.startsWith("filesystem:")
        ? readDirectory(Path.of(location.substring("filesystem:".length())).resolve(scope.folder()))
        : readClasspath(stripSlashes(location.substring("classpath:".length())) + "/" + scope.folder());
    if (files.isEmpty()) {
      return Optional.empty();
    }
    List<BundleScript> flywayScripts = new ArrayList<>();
    Map<String, BundleScript> undo = new HashMap<>();
    files.forEach((name, sql) -> {
      // Relative to the scope folder, as Flyway's own scan of that folder would record it in the history table.
      BundleScript script = new BundleScript(name, name, sql);
      if (name.startsWith("U") && name.contains("__")) {
        undo.put(MigrationSet.normalize(MigrationSet.versionOf(name)), script);
      } else if (name.startsWith("V") || name.startsWith("R")) {
        flywayScripts.add(script);
      }
    });
    flywayScripts.sort(Comparator.comparing(BundleScript::getFilename));
    return Optional.of(new MigrationSet(scope, flywayScripts, undo));
  }

  private static String stripSlashes(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static Map<String, String> readDirectory(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Map.of();
    }
    Map<String, String> files = new HashMap<>();
    try (Stream<Path> paths = Files.list(folder)) {
      for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".sql")).toList()) {
        files.put(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration folder " + folder, e);
    }
    return files;
  }

  private Map<String, String> readClasspath(String folder) {
    Map<String, String> files = new HashMap<>();
    try {
      for (URL url : Collections.list(classLoader.getResources(folder))) {
        if ("file".equals(url.getProtocol())) {
          files.putAll(readDirectory(Path.of(url.toURI())));
        } else if ("jar".equals(url.getProtocol())) {
          files.putAll(readJar((JarURLConnection) url.openConnection(), folder));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath migration folder " + folder, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad classpath URL for " + folder, e);
    }
    return files;
  }

  private static Map<String, String> readJar(JarURLConnection connection, String folder) throws IOException {
    connection.setUseCaches(false);
    Map<String, String> files = new HashMap<>();
    try (JarFile jar = connection.getJarFile()) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (name.startsWith(folder + "/") && name.endsWith(".sql") && name.indexOf('/', folder.length() + 1) < 0) {
          try (InputStream in = jar.getInputStream(entry)) {
            files.put(name.substring(folder.length() + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return files;
  }
}
