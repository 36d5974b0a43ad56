package io.neoinfra.schemas.deadletter;

/**
 * The headers every record on {@code neo.migration.dlt} carries beside the original key, value and headers, so that
 * anything dead-lettered can be inspected and replayed. Values are UTF-8 strings; times are ISO-8601 instants.
 */
public final class DeadLetterHeaders {

  /** A stable failure class: a {@code DecodeFailure} id for unreadable records, a {@code FailureKind} id for tasks. */
  public static final String ERROR_CLASS = "neo-dlt-error-class";
  /** A message for people, with every field error; never contains a credential. */
  public static final String ERROR_MESSAGE = "neo-dlt-error-message";
  public static final String SOURCE_TOPIC = "neo-dlt-source-topic";
  public static final String SOURCE_PARTITION = "neo-dlt-source-partition";
  public static final String SOURCE_OFFSET = "neo-dlt-source-offset";
  public static final String ATTEMPTS = "neo-dlt-attempts";
  public static final String FIRST_FAILURE_AT = "neo-dlt-first-failure-at";
  public static final String LAST_FAILURE_AT = "neo-dlt-last-failure-at";
  /** The component that dead-lettered the record ({@code migration-processor}, {@code migration-worker}). */
  public static final String DEAD_LETTERED_BY = "neo-dlt-by";
  /** The execution the record belongs to, when known, for filtering. */
  public static final String EXECUTION_ID = "neo-dlt-execution-id";
  /** The database the record concerns, when known, for filtering. */
  public static final String DATABASE_ID = "neo-dlt-database-id";
  /** Set on a replayed record: {@code <dlt topic>/<partition>/<offset>} of the dead letter it came from. */
  public static final String REPLAYED_FROM = "neo-replayed-from";
  /** Set on a retried task: when it is due again (epoch milliseconds), read by the retry forwarder. */
  public static final String NOT_BEFORE = "neo-not-before";

  private DeadLetterHeaders() {}
}
