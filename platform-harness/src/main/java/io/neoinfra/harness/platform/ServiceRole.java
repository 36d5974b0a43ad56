package io.neoinfra.harness.platform;

import io.neoinfra.gateway.GatewayApplication;
import io.neoinfra.processor.ProcessorMain;
import io.neoinfra.worker.WorkerMain;

/** The kinds of service JVM the platform runs: the module each comes from and the main class it starts. */
public enum ServiceRole {
  BROKER("platform-harness", BrokerMain.class.getName()),
  PROCESSOR("migration-processor", ProcessorMain.class.getName()),
  WORKER("migration-worker", WorkerMain.class.getName()),
  GATEWAY("rest-gateway", GatewayApplication.class.getName());

  private final String module;
  private final String mainClass;

  ServiceRole(String module, String mainClass) {
    this.module = module;
    this.mainClass = mainClass;
  }

  /** The Maven module (directory under the checkout) whose classes and classpath run this service. */
  public String module() {
    return module;
  }

  public String mainClass() {
    return mainClass;
  }
}
