package io.neoinfra.schemas.registry;

import io.neoinfra.schemas.events.TenantIsolation;
import java.time.Instant;

/** A registered tenant: where its target lives (a schema of the region's shared database, or its own database). */
public record TenantRecord(
    String tenantId,
    String tenantName,
    String region,
    TenantIsolation isolation,
    String schemaName,
    String databaseId,
    boolean autoMigrate,
    Integer migrationTimeout,
    Instant registeredAt) {}
