package io.neoinfra.reliability.platform;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one service JVM.
 *
 * @param name the service's name in logs and samples ({@code worker-1}, {@code processor}, …)
 * @param classpath the {@code -cp} value
 * @param mainClass the class whose {@code main} runs
 * @param maxHeapMb {@code -Xmx} in MiB
 * @param systemProperties {@code -D} settings
 * @param environment extra environment variables
 * @param arguments program arguments
 */
public record ServiceSpec(String name, String classpath, String mainClass, int maxHeapMb,
    Map<String, String> systemProperties, Map<String, String> environment, List<String> arguments) {

  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(classpath, "classpath");
    Objects.requireNonNull(mainClass, "mainClass");
    if (maxHeapMb < 64) {
      throw new IllegalArgumentException("maxHeapMb must be at least 64, is " + maxHeapMb);
    }
    systemProperties = Map.copyOf(systemProperties);
    environment = Map.copyOf(environment);
    arguments = List.copyOf(arguments);
  }
}
