package io.neoinfra.gateway.problems;

/** The broker did not acknowledge an event in time (or refused it): the request changed nothing. */
public final class PublishFailedException extends RuntimeException {
  public PublishFailedException(Throwable cause) {
    super("publish failed: " + cause.getClass().getSimpleName(), cause);
  }
}
