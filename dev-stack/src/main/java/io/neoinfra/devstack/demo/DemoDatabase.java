package io.neoinfra.devstack.demo;

/** A demo database as the gateway's {@code POST /api/v1/databases/connections} takes it (password-less: trust auth or H2). */
public record DemoDatabase(
    String databaseId, String databaseName, String connectionType, String region, String engine, String host,
    Integer port, String username, String tenantId) {}
