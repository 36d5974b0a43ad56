package io.neoinfra.gateway.tenants;

/** The body of {@code POST /api/v1/tenants}, already checked against its JSON Schema. */
record TenantRequest(
    String tenantId,
    String tenantName,
    String region,
    String isolation,
    String schemaName,
    String databaseId,
    Boolean autoMigrate,
    Integer migrationTimeout,
    String priority) {}
