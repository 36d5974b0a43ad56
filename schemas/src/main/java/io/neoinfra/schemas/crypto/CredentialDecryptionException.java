package io.neoinfra.schemas.crypto;

/** A secret could not be decrypted: unknown key id, wrong key, or tampered data. Never carries the secret. */
public class CredentialDecryptionException extends RuntimeException {
  public CredentialDecryptionException(String message) {
    super(message);
  }

  public CredentialDecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
