package io.neoinfra.harness.process;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one service JVM: {@code java <jvmOptions> -cp <classpath> <mainClass> <arguments>}, with
 * {@code environment} added to this JVM's.
 *
 * @param name the service's name in logs and samples ({@code worker}, {@code worker-2}, {@code processor}, …)
 * @param classpath the {@code -cp} value (see {@link ServiceClasspath})
 * @param mainClass the class whose {@code main} runs
 * @param jvmOptions options before {@code -cp}: {@code -Xmx…}, {@code -D…}, GC choice
 * @param environment extra environment variables (where a service reads secrets: never on the command line, which
 *     {@code ps} shows)
 * @param arguments program arguments
 */
public record ServiceSpec(String name, String classpath, String mainClass, List<String> jvmOptions,
    Map<String, String> environment, List<String> arguments) {

  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(classpath, "classpath");
    Objects.requireNonNull(mainClass, "mainClass");
    jvmOptions = List.copyOf(jvmOptions);
    environment = Map.copyOf(environment);
    arguments = List.copyOf(arguments);
  }
}
