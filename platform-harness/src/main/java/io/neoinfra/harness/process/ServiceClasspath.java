package io.neoinfra.harness.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Where a service JVM finds its classes: its own module's build output, or one classpath shared by every service. */
public sealed interface ServiceClasspath {

  /** The {@code -cp} value for a service whose main class is in {@code module}. */
  String of(String module);

  /**
   * Each service from its own module, as {@code ./neo} runs it: {@code <module>/target/classes} followed by the
   * runtime classpath the root pom's {@code launcher} profile wrote to {@code <module>/target/classpath.txt}
   * ({@code ./mvnw -Plauncher -pl <entry module> -am package} writes it for every module it builds). What a benchmark
   * measures is then the service as deployed, with its own dependencies only.
   */
  record Modules(Path repoRoot) implements ServiceClasspath {

    public Modules {
      Objects.requireNonNull(repoRoot, "repoRoot");
    }

    @Override
    public String of(String module) {
      Path moduleDir = repoRoot.resolve(module);
      Path classpathFile = moduleDir.resolve("target/classpath.txt");
      try {
        return moduleDir.resolve("target/classes") + File.pathSeparator
            + Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + classpathFile + " (./mvnw -Plauncher -pl <module> -am package"
            + " -DskipTests writes it; ./neo bench does that on first use)", e);
      }
    }
  }

  /**
   * One classpath for every service: a test's or a tool's own, which holds all of them (a test build has no launcher
   * profile; a fault test needs nothing more).
   */
  record Shared(String classpath) implements ServiceClasspath {

    public Shared {
      Objects.requireNonNull(classpath, "classpath");
    }

    @Override
    public String of(String module) {
      return classpath;
    }

    /**
     * This JVM's classpath. Under Surefire/Failsafe the real one is {@code surefire.test.class.path}: the JVM's own
     * may be a manifest-only jar that is deleted when the test run ends.
     */
    public static Shared current() {
      return new Shared(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    }
  }
}
