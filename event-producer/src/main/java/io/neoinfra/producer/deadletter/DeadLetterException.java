package io.neoinfra.producer.deadletter;

/** A dead-letter operation that could not run at all (as opposed to a single record refused by a replay). */
public final class DeadLetterException extends RuntimeException {

  /** What went wrong; the code is the contract, the message is for people. */
  public enum Code {
    /** The dead-letter topic does not exist. */
    TOPIC_NOT_FOUND,
    /** Kafka did not answer in time or refused the request. */
    KAFKA_UNAVAILABLE,
    /** The thread was interrupted while waiting for Kafka. */
    INTERRUPTED
  }

  private final Code code;

  DeadLetterException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
