package io.neoinfra.schemas.tasks;

/**
 * What went wrong, for people: the script and line for a SQL error, the database's message and SQL state. Never
 * contains a credential.
 */
public record TaskError(FailureKind kind, String message, String script, Integer line, String sqlState) {

  public boolean retryable() {
    return kind.retryable();
  }
}
