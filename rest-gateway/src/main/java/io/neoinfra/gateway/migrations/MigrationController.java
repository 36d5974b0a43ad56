package io.neoinfra.gateway.migrations;

import io.neoinfra.gateway.audit.AuditFilter;
import io.neoinfra.gateway.problems.ApiProblemException;
import io.neoinfra.gateway.problems.InvalidRequestException;
import io.neoinfra.gateway.problems.PathIds;
import io.neoinfra.gateway.problems.ProblemType;
import io.neoinfra.gateway.problems.RequestBodies;
import io.neoinfra.gateway.problems.RequestSchema;
import io.neoinfra.gateway.publishing.Publications;
import io.neoinfra.gateway.security.Caller;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.producer.publish.PublishReceipt;
import io.neoinfra.gateway.security.SecuritySettings;
import io.neoinfra.gateway.state.ExecutionStore;
import io.neoinfra.gateway.state.KeyedStore;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.MigrationRequested;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionMetadata;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.validation.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/migrations")
@Tag(name = "migrations")
class MigrationController {

  private final MigrationStatus status;
  private final ExecutionStore executions;
  private final KeyedStore<DatabaseRecord> databases;
  private final RequestBodies bodies;
  private final LifecycleEventPublisher publishing;
  private final Publications publications;
  private final SecuritySettings security;
  private final Clock clock;

  MigrationController(MigrationStatus status, ExecutionStore executions, KeyedStore<DatabaseRecord> databases,
      RequestBodies bodies, LifecycleEventPublisher publishing, Publications publications, SecuritySettings security,
      Clock clock) {
    this.status = status;
    this.executions = executions;
    this.databases = databases;
    this.bodies = bodies;
    this.publishing = publishing;
    this.publications = publications;
    this.security = security;
    this.clock = clock;
  }

  @GetMapping("/status")
  @Operation(summary = "Per scope: how many databases, at which versions, how many behind the latest, failing")
  Map<String, Object> status() {
    MigrationStatus.Summary summary = status.summary();
    Map<Scope, ScopeStatus> byScope = summary.byScope();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("admin_status", byScope.get(Scope.ADMIN));
    body.put("regional_status", byScope.get(Scope.REGIONAL));
    body.put("tenant_status", byScope.get(Scope.TENANT));
    body.put("running_executions", summary.running());
    body.put("generated_at", clock.instant());
    return body;
  }

  @PostMapping(value = "/dynamic", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
  @Operation(summary = "Start a migration of a scope or of named databases: 202 {execution_id, status: PENDING}; "
      + "409 when a conflicting execution is running, unless force_execution",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
          mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = DynamicMigrationRequest.class))))
  ResponseEntity<Map<String, Object>> dynamic(@RequestBody(required = false) byte[] body, JwtAuthenticationToken auth,
      HttpServletRequest http) {
    DynamicMigrationRequest request = bodies.read(body, RequestSchema.DYNAMIC_MIGRATION, DynamicMigrationRequest.class);
    Scope scope = Scope.valueOf(request.scope().toUpperCase(Locale.ROOT));
    List<FieldError> unknown = new ArrayList<>();
    for (int i = 0; i < request.targetDatabases().size(); i++) {
      if (databases.find(request.targetDatabases().get(i)).isEmpty()) {
        unknown.add(new FieldError("$.target_databases[" + i + "]", "exists", "no registered database with this id"));
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException(unknown);
    }
    boolean dryRun = Boolean.TRUE.equals(request.dryRun());
    if (!Boolean.TRUE.equals(request.forceExecution())) {
      Conflicts.find(executions.all(), scope, request.targetDatabases(), dryRun).ifPresent(running -> {
        throw new ApiProblemException(ProblemType.EXECUTION_CONFLICT,
            "execution " + running.id() + " (" + running.status() + ") covers the same databases; wait for it or set "
                + "force_execution", Map.of("conflicting_execution_id", running.id()));
      });
    }
    Priority priority = request.priority() == null ? Priority.NORMAL : Priority.fromWire(request.priority());
    MigrationOperation operation =
        request.operation() == null ? MigrationOperation.MIGRATE : MigrationOperation.fromWire(request.operation());
    String executionId = PathIds.generate("exec");
    String requestedBy = Caller.of(auth, security.usernameClaim()).name();
    var event = new MigrationRequested(executionId, scope, request.regions(), request.targetDatabases(),
        request.targetVersion(), dryRun, priority, request.forceExecution(), request.rolloutPolicy(), operation,
        request.migrationTimeout(), requestedBy, TriggeredBy.API);
    http.setAttribute(AuditFilter.RESOURCE, executionId);
    PublishReceipt published = publications.await(publishing.migrationRequested(event, priority));
    executions.addPending(new ExecutionView(executionId, ExecutionKind.MIGRATION, scope, operation,
        ExecutionStatus.PENDING, dryRun, priority, request.targetVersion(), request.rolloutPolicy(), clock.instant(),
        null, null, Map.of(), 0, List.of(), new ExecutionMetadata(TriggeredBy.API, published.eventId(), null),
        requestedBy, null));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("execution_id", executionId);
    response.put("status", ExecutionStatus.PENDING.name());
    response.put("event_id", published.eventId());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(java.net.URI.create("/api/v1/migrations/executions/" + executionId)).body(response);
  }
}
