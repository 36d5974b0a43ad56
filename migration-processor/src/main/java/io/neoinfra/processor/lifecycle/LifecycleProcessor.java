package io.neoinfra.processor.lifecycle;

import io.neoinfra.processor.ProcessorTopics;
import io.neoinfra.schemas.redaction.RedactionPolicy;
import io.neoinfra.processor.deadletter.DeadLetter;
import io.neoinfra.processor.execution.StartCommand;
import io.neoinfra.processor.metrics.ProcessorMetrics;
import io.neoinfra.processor.metrics.ProcessorMetrics.Outcome;
import io.neoinfra.processor.priority.PriorityOrder;
import io.neoinfra.processor.registry.RegistryHandler;
import io.neoinfra.processor.registry.RegistryStores;
import io.neoinfra.schemas.cloudevents.LifecycleEnvelope;
import io.neoinfra.schemas.cloudevents.LifecycleEnvelopeDeserializer;
import io.neoinfra.schemas.connection.ConnectionCheck;
import io.neoinfra.schemas.connection.ConnectionFailure;
import io.neoinfra.schemas.connection.ConnectionRules;
import io.neoinfra.schemas.events.DatabaseConnectionFields;
import io.neoinfra.schemas.events.DatabaseDeleted;
import io.neoinfra.schemas.events.EventType;
import io.neoinfra.schemas.events.LifecycleEvent;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.MigrationRequested;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.RollbackRequested;
import io.neoinfra.schemas.events.RolloutPolicy;
import io.neoinfra.schemas.events.TenantCreated;
import io.neoinfra.schemas.events.TenantDeleted;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionMetadata;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.registry.TenantRecord;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code neo.lifecycle.*}: every record is decoded with {@link LifecycleEnvelopeDeserializer} (CloudEvents
 * headers, known type, JSON Schema), a database event's connection by {@link ConnectionRules}; an unusable one goes,
 * redacted, to the dead-letter topic with its reason ({@code invalid_connection} for connection fields) and origin. Registry events go to the {@link RegistryHandler}; migration and rollback requests become start commands,
 * re-keyed by execution id on the internal command topic.
 */
public final class LifecycleProcessor implements Processor<String, byte[], String, Object>,
    RegistryHandler.RegistryOutputs {

  public static final String DATABASES_SINK = "registry-databases-sink";
  public static final String TENANTS_SINK = "registry-tenants-sink";
  public static final String COMMANDS_SINK = "lifecycle-commands-sink";
  public static final String DLT_SINK = "lifecycle-dlt-sink";
  /** Local stores of the registry's own records. */
  public static final String LOCAL_DATABASES = RegistryStores.LOCAL + "-databases";
  public static final String LOCAL_TENANTS = RegistryStores.LOCAL + "-tenants";

  private static final Logger LOG = LoggerFactory.getLogger(LifecycleProcessor.class);

  private final ProcessorTopics topics;
  private final LifecycleEnvelopeDeserializer deserializer;
  private final RedactionPolicy redactor;
  private final ProcessorMetrics metrics;
  private final int defaultTimeoutSeconds;
  private ProcessorContext<String, Object> context;
  private RegistryHandler registry;

  public LifecycleProcessor(ProcessorTopics topics, LifecycleEnvelopeDeserializer deserializer,
      RedactionPolicy redactor, ProcessorMetrics metrics, int defaultTimeoutSeconds) {
    this.topics = topics;
    this.deserializer = deserializer;
    this.redactor = redactor;
    this.metrics = metrics;
    this.defaultTimeoutSeconds = defaultTimeoutSeconds;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.registry = new RegistryHandler(context.getStateStore(LOCAL_DATABASES), context.getStateStore(LOCAL_TENANTS),
        context.getStateStore(RegistryStores.DATABASES), this, defaultTimeoutSeconds);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    Decoded<LifecycleEnvelope> decoded = deserializer.deserialize(topic, record.headers(), record.value());
    if (decoded instanceof Decoded.Invalid<LifecycleEnvelope> invalid) {
      String message = invalid.message() + (invalid.errors().isEmpty() ? ""
          : " [" + invalid.errors().stream().map(FieldError::toString).collect(Collectors.joining("; ")) + "]");
      deadLetter(record, invalid.reason().id(), message);
      metrics.event(typeOf(record.headers()), Outcome.DEAD_LETTERED);
      return;
    }
    LifecycleEnvelope envelope = ((Decoded.Valid<LifecycleEnvelope>) decoded).value();
    String type = envelope.type().schemaName();
    // The JSON Schema states the same name rules; this adds the engine's own limits and anything a producer that
    // skipped the schema sent. A refused connection is never registered, so no task can carry it.
    if (envelope.event() instanceof DatabaseConnectionFields db
        && ConnectionRules.check(db) instanceof ConnectionCheck.Invalid invalid) {
      deadLetter(record, ConnectionFailure.REASON, type + ": " + invalid.describe());
      metrics.event(type, Outcome.DEAD_LETTERED);
      return;
    }
    try {
      Priority priority = topics.shared().priorityOf(topic).orElse(Priority.NORMAL);
      route(envelope, priority, Instant.ofEpochMilli(context.currentSystemTimeMs()));
      metrics.event(type, Outcome.PROCESSED);
    } catch (RuntimeException e) {
      // A bug must not stop the partition; the record is kept with the exception class (never its message,
      // which could quote a value).
      LOG.error("cannot process {} {} from {}; dead-lettered", type, envelope.id(), topic, e);
      deadLetter(record, "processing_error", type + ": " + e.getClass().getName());
      metrics.event(type, Outcome.DEAD_LETTERED);
    }
  }

  private void route(LifecycleEnvelope envelope, Priority priority, Instant now) {
    LifecycleEvent event = envelope.event();
    if (event instanceof DatabaseConnectionFields db) {
      registry.databaseUpserted(envelope, db, priority, now);
    } else if (event instanceof DatabaseDeleted deleted) {
      registry.databaseDeleted(deleted);
    } else if (event instanceof TenantCreated created) {
      registry.tenantCreated(envelope, created, priority, now);
    } else if (event instanceof TenantDeleted deleted) {
      registry.tenantDeleted(deleted);
    } else if (event instanceof MigrationRequested request) {
      start(new StartCommand(request.executionId(), ExecutionKind.MIGRATION, request.scope(),
          request.operation() == null ? MigrationOperation.MIGRATE : request.operation(), request.regions(),
          request.targetDatabases(), request.targetVersion(), Boolean.TRUE.equals(request.dryRun()),
          request.priority() == null ? priority : request.priority(), Boolean.TRUE.equals(request.forceExecution()),
          request.rolloutPolicy() == null ? RolloutPolicy.defaults() : request.rolloutPolicy(),
          request.migrationTimeout(), request.requestedBy(),
          new ExecutionMetadata(request.triggeredBy() == null ? TriggeredBy.API : request.triggeredBy(),
              envelope.id(), null), null, null, now));
    } else if (event instanceof RollbackRequested rollback) {
      start(new StartCommand(rollback.rollbackId(), ExecutionKind.ROLLBACK, null, MigrationOperation.UNDO, List.of(),
          List.of(), null, Boolean.TRUE.equals(rollback.dryRun()),
          rollback.priority() == null ? priority : rollback.priority(), false, RolloutPolicy.defaults(), null,
          rollback.requestedBy(), new ExecutionMetadata(rollback.triggeredBy() == null ? TriggeredBy.API
              : rollback.triggeredBy(), envelope.id(), rollback.executionId()), null, null, now));
    }
  }

  private void deadLetter(Record<String, byte[]> record, String errorClass, String message) {
    DeadLetter letter = DeadLetter.of(errorClass, message)
        .withOriginalHeaders(record.headers(), redactor)
        .withOrigin(context.recordMetadata());
    Priority priority = context.recordMetadata().flatMap(m -> topics.shared().priorityOf(m.topic())).orElse(null);
    context.forward(new Record<String, Object>(record.key(), redactor.redactBytes(record.value()),
        PriorityOrder.original(record.timestamp(), priority), letter.headers()), DLT_SINK);
    metrics.deadLetter("lifecycle", errorClass);
  }

  private static String typeOf(Headers headers) {
    Header header = headers == null ? null : headers.lastHeader("ce_type");
    if (header == null || header.value() == null) {
      return "unreadable";
    }
    return EventType.fromCeType(new String(header.value(), StandardCharsets.UTF_8))
        .map(EventType::schemaName).orElse("unknown_type");
  }

  @Override
  public void database(String databaseId, DatabaseRecord record) {
    context.forward(new Record<String, Object>(databaseId, record, context.currentSystemTimeMs()), DATABASES_SINK);
  }

  @Override
  public void tenant(String tenantId, TenantRecord record) {
    context.forward(new Record<String, Object>(tenantId, record, context.currentSystemTimeMs()), TENANTS_SINK);
  }

  @Override
  public void start(StartCommand command) {
    context.forward(new Record<String, Object>(command.executionId(), command, context.currentSystemTimeMs()),
        COMMANDS_SINK);
  }
}
