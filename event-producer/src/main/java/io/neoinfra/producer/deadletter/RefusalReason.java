package io.neoinfra.producer.deadletter;

/** Why a replay left a dead letter where it is. */
public enum RefusalReason {
  /** An offset asked for holds no dead letter (never did, or retention removed it). */
  NOT_FOUND("not_found"),
  /** No {@code neo-dlt-source-topic} header and no target topic given: there is nowhere to send it. */
  NO_SOURCE_TOPIC("no_source_topic"),
  /** The target topic does not exist (topics are never auto-created by a replay). */
  TARGET_TOPIC_NOT_FOUND("target_topic_not_found"),
  /** The target is the dead-letter topic itself, which would only copy the failure. */
  TARGET_IS_DEAD_LETTER_TOPIC("target_is_dead_letter_topic"),
  /** Kafka refused or timed out the write; the dead letter was not replayed and may be retried. */
  SEND_FAILED("send_failed");

  private final String id;

  RefusalReason(String id) {
    this.id = id;
  }

  /** A stable id for JSON and problem details. */
  public String id() {
    return id;
  }
}
