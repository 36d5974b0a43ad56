package io.neoinfra.producer.lag;

/** Lag could not be read at all. */
public final class LagException extends RuntimeException {

  /** What went wrong; the code is the contract, the message is for people. */
  public enum Code {
    /** Kafka did not answer in time or refused the request. */
    KAFKA_UNAVAILABLE,
    /** The thread was interrupted while waiting for Kafka. */
    INTERRUPTED
  }

  private final Code code;

  LagException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
