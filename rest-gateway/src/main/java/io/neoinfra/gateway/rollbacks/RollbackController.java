package io.neoinfra.gateway.rollbacks;

import io.neoinfra.gateway.audit.AuditFilter;
import io.neoinfra.gateway.problems.ApiProblemException;
import io.neoinfra.gateway.problems.PathIds;
import io.neoinfra.gateway.problems.ProblemType;
import io.neoinfra.gateway.problems.RequestBodies;
import io.neoinfra.gateway.problems.RequestSchema;
import io.neoinfra.gateway.publishing.Publications;
import io.neoinfra.gateway.security.Caller;
import io.neoinfra.gateway.security.SecuritySettings;
import io.neoinfra.gateway.state.ExecutionStore;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.producer.publish.PublishReceipt;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.RollbackRequested;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionMetadata;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/migrations")
@Tag(name = "rollbacks")
class RollbackController {

  private final ExecutionStore executions;
  private final EligibilityCheck eligibility;
  private final RequestBodies bodies;
  private final LifecycleEventPublisher publishing;
  private final Publications publications;
  private final SecuritySettings security;
  private final Clock clock;

  RollbackController(ExecutionStore executions, EligibilityCheck eligibility, RequestBodies bodies,
      LifecycleEventPublisher publishing, Publications publications, SecuritySettings security, Clock clock) {
    this.executions = executions;
    this.eligibility = eligibility;
    this.bodies = bodies;
    this.publishing = publishing;
    this.publications = publications;
    this.security = security;
    this.clock = clock;
  }

  @GetMapping("/executions/{id}/rollback/eligibility")
  @Operation(summary = "Whether the execution can be rolled back (can_rollback), every reason why not, and what "
      + "would be undone per target")
  Eligibility eligibility(@PathVariable String id) {
    return eligibility.of(find(id));
  }

  @PostMapping(value = "/executions/{id}/rollback", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
  @Operation(summary = "Roll the execution back with undo scripts: 202 {rollback_id}; 409 with every reason when it "
      + "is not eligible",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(
          mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = RollbackRequest.class))))
  ResponseEntity<Map<String, Object>> rollback(@PathVariable String id,
      @RequestBody(required = false) byte[] body, JwtAuthenticationToken auth, HttpServletRequest http) {
    ExecutionView execution = find(id);
    RollbackRequest request = bodies.read(body, RequestSchema.ROLLBACK, RollbackRequest.class);
    Eligibility check = eligibility.of(execution);
    if (!check.canRollback()) {
      throw new ApiProblemException(ProblemType.ROLLBACK_NOT_ELIGIBLE,
          check.reasons().size() + " reason(s) prevent the rollback", Map.of("reasons", check.reasons()));
    }
    boolean dryRun = Boolean.TRUE.equals(request.dryRun());
    Priority priority = request.priority() == null ? Priority.NORMAL : Priority.fromWire(request.priority());
    String rollbackId = PathIds.generate("rollback");
    String requestedBy = Caller.of(auth, security.usernameClaim()).name();
    http.setAttribute(AuditFilter.RESOURCE, rollbackId + " of " + id);
    PublishReceipt receipt = publications.await(publishing.rollbackRequested(new RollbackRequested(rollbackId, id,
        RollbackRequested.FLYWAY_UNDO, dryRun, priority, requestedBy, TriggeredBy.API), priority));
    executions.addPending(new ExecutionView(rollbackId, ExecutionKind.ROLLBACK, execution.scope(),
        MigrationOperation.UNDO, ExecutionStatus.PENDING, dryRun, priority, null, null, clock.instant(), null, null,
        Map.of(), 0, List.of(), new ExecutionMetadata(TriggeredBy.API, receipt.eventId(), id), requestedBy, null));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("rollback_id", rollbackId);
    response.put("execution_id", id);
    response.put("status", ExecutionStatus.PENDING.name());
    response.put("strategy", RollbackRequested.FLYWAY_UNDO);
    response.put("dry_run", dryRun);
    return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/migrations/rollbacks/" + rollbackId))
        .body(response);
  }

  @GetMapping("/rollbacks/{id}")
  @Operation(summary = "A rollback (an execution of kind ROLLBACK) with the state of each target; 404 when unknown")
  ExecutionView get(@PathVariable String id) {
    PathIds.require(id, "rollback");
    return executions.find(id).filter(e -> e.kind() == ExecutionKind.ROLLBACK)
        .orElseThrow(() -> ApiProblemException.notFound("rollback"));
  }

  private ExecutionView find(String id) {
    PathIds.require(id, "execution");
    return executions.find(id).orElseThrow(() -> ApiProblemException.notFound("execution"));
  }
}
