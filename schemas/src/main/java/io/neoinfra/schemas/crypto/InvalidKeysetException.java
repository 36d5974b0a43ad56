package io.neoinfra.schemas.crypto;

/**
 * A keyset file or keyset change was refused: unreadable JSON, the wrong kind of keyset (private key material where
 * only a public keyset belongs, or a public keyset where a private one is needed), or a rotation step that would
 * leave no primary key. Never carries key material.
 */
public class InvalidKeysetException extends IllegalArgumentException {
  public InvalidKeysetException(String message) {
    super(message);
  }

  public InvalidKeysetException(String message, Throwable cause) {
    super(message, cause);
  }
}
