package io.neoinfra.gateway.problems;

/** The JSON Schemas of the request bodies, in {@code io/neoinfra/gateway/json/}. */
public enum RequestSchema {
  DYNAMIC_MIGRATION("dynamic-migration-request"),
  ROLLBACK("rollback-request"),
  CONNECTION("connection-request"),
  TENANT("tenant-request"),
  DEADLETTER_REPLAY("deadletter-replay-request");

  private final String fileName;

  RequestSchema(String fileName) {
    this.fileName = fileName;
  }

  String location() {
    return "classpath:io/neoinfra/gateway/json/" + fileName + ".schema.json";
  }
}
