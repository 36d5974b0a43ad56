package io.neoinfra.devstack.demo;

/** A demo tenant as {@code POST /api/v1/tenants} takes it. */
public record DemoTenant(String tenantId, String tenantName, String region, String isolation, String databaseId) {}
