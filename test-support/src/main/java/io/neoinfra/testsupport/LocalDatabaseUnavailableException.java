package io.neoinfra.testsupport;

/** A local database service the tests need is not running; the message says how to start it. */
public class LocalDatabaseUnavailableException extends IllegalStateException {
  public LocalDatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
