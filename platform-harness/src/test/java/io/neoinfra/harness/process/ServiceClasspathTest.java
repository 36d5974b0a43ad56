package io.neoinfra.harness.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceClasspathTest {

  @TempDir
  Path repo;

  @Test
  void aModuleRunsFromItsClassesAndTheClasspathTheLauncherProfileWrote() throws Exception {
    Files.createDirectories(repo.resolve("migration-worker/target"));
    Files.writeString(repo.resolve("migration-worker/target/classpath.txt"), "/m2/a.jar:/m2/b.jar\n");

    String classpath = new ServiceClasspath.Modules(repo).of("migration-worker");

    assertThat(classpath).isEqualTo(repo.resolve("migration-worker/target/classes") + File.pathSeparator
        + "/m2/a.jar:/m2/b.jar");
  }

  @Test
  void aModuleNotBuiltWithTheLauncherProfileIsReportedWithTheCommandThatBuildsIt() {
    assertThatThrownBy(() -> new ServiceClasspath.Modules(repo).of("rest-gateway"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(repo.resolve("rest-gateway/target/classpath.txt").toString())
        .hasMessageContaining("-Plauncher");
  }

  @Test
  void aSharedClasspathIsTheSameForEveryModule() {
    ServiceClasspath shared = new ServiceClasspath.Shared("/x.jar:/y.jar");

    assertThat(shared.of("migration-processor")).isEqualTo("/x.jar:/y.jar");
    assertThat(shared.of("rest-gateway")).isEqualTo("/x.jar:/y.jar");
    assertThat(ServiceClasspath.Shared.current().classpath()).contains("test-classes");
  }
}
