package io.neoinfra.worker.credentials;

import java.util.Objects;

/** A {@code password_ref} could not be resolved, for a {@link Refusal} the message explains. Never holds a secret. */
public final class PasswordRefException extends RuntimeException {

  /** Why a reference was not resolved. */
  public enum Refusal {
    /** {@code file:} with no secrets directory configured on this worker. */
    NO_SECRETS_DIRECTORY,
    /** {@code env:} naming a variable without the configured prefix. */
    PREFIX_NOT_ALLOWED,
    /** The variable is unset, or the file does not exist in the secrets directory. */
    NOT_FOUND,
    /** The file exists but cannot be read. */
    UNREADABLE,
    /** The variable or file is empty. */
    EMPTY
  }

  private final Refusal refusal;

  PasswordRefException(Refusal refusal, String message) {
    super(message);
    this.refusal = Objects.requireNonNull(refusal, "refusal");
  }

  public Refusal refusal() {
    return refusal;
  }
}
