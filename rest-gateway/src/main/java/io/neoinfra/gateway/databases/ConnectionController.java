package io.neoinfra.gateway.databases;

import io.neoinfra.gateway.audit.AuditFilter;
import io.neoinfra.gateway.problems.ApiProblemException;
import io.neoinfra.gateway.problems.InvalidRequestException;
import io.neoinfra.gateway.problems.PathIds;
import io.neoinfra.gateway.problems.ProblemType;
import io.neoinfra.gateway.problems.RequestBodies;
import io.neoinfra.gateway.problems.RequestSchema;
import io.neoinfra.gateway.publishing.Publications;
import io.neoinfra.gateway.state.KeyedStore;
import io.neoinfra.producer.publish.DatabaseConnection;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.producer.publish.PublishReceipt;
import io.neoinfra.schemas.connection.ConnectionCheck;
import io.neoinfra.schemas.connection.ConnectionPolicy;
import io.neoinfra.schemas.connection.ConnectionRules;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.PasswordRef;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/databases/connections")
@Tag(name = "databases")
class ConnectionController {

  private final KeyedStore<DatabaseRecord> databases;
  private final RequestBodies bodies;
  private final LifecycleEventPublisher publishing;
  private final Publications publications;
  private final ConnectionHealthCheck health;
  private final ConnectionPolicy policy;

  ConnectionController(KeyedStore<DatabaseRecord> databases, RequestBodies bodies, LifecycleEventPublisher publishing,
      Publications publications, ConnectionHealthCheck health, ConnectionSettings settings) {
    this.databases = databases;
    this.bodies = bodies;
    this.publishing = publishing;
    this.publications = publications;
    this.health = health;
    this.policy = settings.policy();
  }

  @GetMapping
  @Operation(summary = "Registered databases (never a password); filter by region and connection_type")
  Map<String, Object> list(@RequestParam(required = false) String region,
      @RequestParam(name = "connection_type", required = false) String connectionType) {
    if (region != null && !region.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw InvalidRequestException.of("region", "pattern", "must be a region name such as eu-west");
    }
    ConnectionType type = null;
    if (connectionType != null && !connectionType.isBlank()) {
      try {
        type = ConnectionType.fromWire(connectionType.trim());
      } catch (IllegalArgumentException e) {
        throw InvalidRequestException.of("connection_type", "enum", "must be one of admin, shared, dedicated");
      }
    }
    ConnectionType wanted = type;
    List<ConnectionView> connections = databases.all()
        .filter(d -> region == null || region.equals(d.region()))
        .filter(d -> wanted == null || wanted == d.connectionType())
        .sorted(Comparator.comparing(DatabaseRecord::databaseId))
        .map(d -> ConnectionView.of(d, databases.isPending(d.databaseId())))
        .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("connections", connections);
    body.put("count", connections.size());
    return body;
  }

  @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
  @Operation(summary = "Register a database: publishes database.created (password sealed first, or password_ref as given); 201 with id. "
      + "It is migrated at once unless auto_migrate is false",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
          mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ConnectionRequest.class))))
  ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) byte[] body, HttpServletRequest http) {
    ConnectionRequest request = bodies.read(body, RequestSchema.CONNECTION, ConnectionRequest.class);
    String id = request.databaseId() != null ? request.databaseId() : PathIds.generate("db");
    if (databases.find(id).isPresent()) {
      throw new ApiProblemException(ProblemType.ALREADY_EXISTS, "a database with this id is registered",
          Map.of("database_id", id));
    }
    Engine engine = request.engine() == null ? Engine.POSTGRESQL : Engine.fromWire(request.engine());
    Integer port = request.port() != null ? request.port() : engine == Engine.H2 ? null : engine.defaultPort();
    // The schema refused what is not a name or a host; this adds the engine's limits and this deployment's policy
    // (embedded engines, denied networks for an IP literal).
    if (policy.check(ConnectionRules.check(engine, request.host(), port, request.databaseName(), null,
        request.username())) instanceof ConnectionCheck.Invalid invalid) {
      throw new InvalidRequestException(invalid.fieldErrors());
    }
    var connection = new DatabaseConnection(id, request.databaseName(),
        ConnectionType.fromWire(request.connectionType()), request.region(), engine, request.host(), port,
        request.username(), request.password(),
        request.passwordRef() == null ? null : PasswordRef.parse(request.passwordRef()), request.autoMigrate(),
        request.migrationTimeout(), request.tenantId(), request.tls());
    Priority priority = request.priority() == null ? Priority.HIGH : Priority.fromWire(request.priority());
    http.setAttribute(AuditFilter.RESOURCE, id);
    PublishReceipt receipt = publications.await(publishing.databaseCreated(connection, priority));
    databases.addPending(new DatabaseRecord(id, request.databaseName(), connection.connectionType(), request.region(),
        engine, request.host(), port, request.username(), null, !Boolean.FALSE.equals(request.autoMigrate()),
        request.migrationTimeout() == null ? 0 : request.migrationTimeout(), request.tenantId(), null, null,
        request.tls()));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("id", id);
    response.put("database_id", id);
    response.put("status", "pending");
    response.put("event_id", receipt.eventId());
    return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/databases/connections/" + id))
        .body(response);
  }

  @GetMapping("/{id}")
  @Operation(summary = "One registered database (never its password); 404 when unknown")
  ConnectionView get(@PathVariable String id) {
    DatabaseRecord record = find(id);
    return ConnectionView.of(record, databases.isPending(record.databaseId()));
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Deregister a database: publishes database.deleted; 204. Nothing is dropped in the database")
  ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest http) {
    find(id);
    http.setAttribute(AuditFilter.RESOURCE, id);
    publications.await(publishing.databaseDeleted(id, Priority.HIGH));
    databases.markDeleting(id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{id}/health")
  @Operation(summary = "Live check: a worker logs in and answers within the configured timeout; status healthy or "
      + "the failure's code (timeout when no answer came)")
  Map<String, Object> health(@PathVariable String id) {
    DatabaseRecord record = find(id);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    if (databases.isPending(id)) {
      body.put("status", HealthOutcome.PENDING_REGISTRATION);
      return body;
    }
    ConnectionHealthCheck.Result result = health.check(record);
    body.put("status", result.outcome());
    body.put("latency_ms", result.latencyMs());
    body.put("checked_at", result.checkedAt());
    return body;
  }

  private DatabaseRecord find(String id) {
    PathIds.require(id, "database connection");
    return databases.find(id).orElseThrow(() -> ApiProblemException.notFound("database connection"));
  }

}
