package io.neoinfra.worker.connections;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CA files a worker trusts, by name ({@code NEO_WORKER_TLS_TRUST_BUNDLES=corp-ca=/etc/neo/ca/corp.pem,…}). A
 * connection names a bundle; only the operator of the worker decides which file a name stands for, so nothing a
 * publisher sends can make the worker read a file of its choosing.
 */
public record TrustBundles(Map<String, Path> files) {

  /** The same rule as the contracts' {@code trustBundleName}. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  public TrustBundles {
    files = Map.copyOf(files);
  }

  public static TrustBundles none() {
    return new TrustBundles(Map.of());
  }

  /**
   * Parses {@code name=/path/to/ca.pem,other=/path/to/other.pem}: absolute paths to PEM files of at least one
   * certificate each, read once here so that a missing or broken file fails the worker's start, not a task.
   *
   * @throws IllegalArgumentException naming every problem
   */
  public static TrustBundles parse(String spec) {
    Map<String, Path> files = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String name = eq < 0 ? entry.trim() : entry.substring(0, eq).trim();
      String file = eq < 0 ? "" : entry.substring(eq + 1).trim();
      if (!NAME.matcher(name).matches()) {
        problems.add("trust bundle name '" + name + "' must be letters, digits and _ . - (at most 64)");
      } else if (file.isEmpty()) {
        problems.add("trust bundle " + name + " needs a file: " + name + "=/path/to/ca.pem");
      } else if (files.containsKey(name)) {
        problems.add("trust bundle " + name + " is listed twice");
      } else {
        Path path = Path.of(file);
        String problem = problemWith(path);
        if (problem == null) {
          files.put(name, path);
        } else {
          problems.add("trust bundle " + name + ": " + problem);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("NEO_WORKER_TLS_TRUST_BUNDLES: " + String.join("; ", problems));
    }
    return new TrustBundles(files);
  }

  public Optional<Path> file(String name) {
    return Optional.ofNullable(files.get(name));
  }

  private static String problemWith(Path path) {
    if (!path.isAbsolute()) {
      return path + " is not an absolute path";
    }
    try (InputStream in = Files.newInputStream(path)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        return path + " holds no certificate";
      }
      return null;
    } catch (IOException e) {
      return path + " cannot be read (" + e.getClass().getSimpleName() + ")";
    } catch (CertificateException e) {
      return path + " is not a PEM or DER certificate file";
    }
  }
}
