package io.neoinfra.schemas.crypto;

import java.util.Objects;

/** A secret could not be opened, for a {@link Failure} named in the message. Never carries the secret. */
public class CredentialDecryptionException extends RuntimeException {

  /** Why a secret could not be opened. */
  public enum Failure {
    /** A {@code neo-enc:v1:} value of the retired shared-key scheme: it must be sealed again with the public keyset. */
    RETIRED_FORMAT,
    /** The value is not a Tink ciphertext at all (cut short, not base64url, no key-id prefix). */
    MALFORMED,
    /** No key of the private keyset has the id the ciphertext names: sealed for another keyset, or a dropped key. */
    UNKNOWN_KEY,
    /** The key exists but authentication failed: the ciphertext was altered or sealed for another context. */
    TAMPERED,
    /** This process holds no private keyset: only workers open credentials. */
    NO_PRIVATE_KEYSET
  }

  private final Failure failure;

  public CredentialDecryptionException(Failure failure, String message) {
    super(message);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public CredentialDecryptionException(Failure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public Failure failure() {
    return failure;
  }
}
