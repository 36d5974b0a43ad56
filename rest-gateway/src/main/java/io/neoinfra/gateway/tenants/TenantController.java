package io.neoinfra.gateway.tenants;

import io.neoinfra.gateway.audit.AuditFilter;
import io.neoinfra.gateway.problems.PathIds;
import io.neoinfra.gateway.problems.RequestBodies;
import io.neoinfra.gateway.problems.RequestSchema;
import io.neoinfra.gateway.publishing.Publications;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.producer.publish.PublishReceipt;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.TenantCreated;
import io.neoinfra.schemas.events.TenantIsolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants are commands to the processor: creating one publishes tenant.created (its schema or database is then
 * migrated), deleting one publishes tenant.deleted. Both answer 202: the registry changes when the processor acts.
 */
@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "tenants")
class TenantController {

  private final RequestBodies bodies;
  private final LifecycleEventPublisher publishing;
  private final Publications publications;

  TenantController(RequestBodies bodies, LifecycleEventPublisher publishing, Publications publications) {
    this.bodies = bodies;
    this.publishing = publishing;
    this.publications = publications;
  }

  @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
  @Operation(summary = "Create a tenant: publishes tenant.created; 202 {tenant_id}",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
          mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TenantRequest.class))))
  ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) byte[] body, HttpServletRequest http) {
    TenantRequest request = bodies.read(body, RequestSchema.TENANT, TenantRequest.class);
    String id = request.tenantId() != null ? request.tenantId() : PathIds.generate("tenant");
    Priority priority = request.priority() == null ? Priority.HIGH : Priority.fromWire(request.priority());
    var event = new TenantCreated(id, request.tenantName(), request.region(),
        request.isolation() == null ? null : TenantIsolation.fromWire(request.isolation()), request.schemaName(),
        request.databaseId(), request.autoMigrate(), request.migrationTimeout());
    http.setAttribute(AuditFilter.RESOURCE, id);
    PublishReceipt receipt = publications.await(publishing.tenantCreated(event, priority));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("tenant_id", id);
    response.put("status", "PENDING");
    response.put("event_id", receipt.eventId());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(response);
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a tenant: publishes tenant.deleted; 202. Its schema or database is left in place")
  ResponseEntity<Map<String, Object>> delete(@PathVariable String id, HttpServletRequest http) {
    PathIds.require(id, "tenant");
    http.setAttribute(AuditFilter.RESOURCE, id);
    PublishReceipt receipt = publications.await(publishing.tenantDeleted(id, Priority.HIGH));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("tenant_id", id);
    response.put("status", "PENDING");
    response.put("event_id", receipt.eventId());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(response);
  }
}
