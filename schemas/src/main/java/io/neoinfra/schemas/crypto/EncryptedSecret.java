package io.neoinfra.schemas.crypto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A credential as it may travel: AES-GCM ciphertext in the form {@code neo-enc:v1:<key id>:<base64url(iv|ct|tag)>}.
 * The type exists so that no event record can hold a plain password by mistake.
 */
public record EncryptedSecret(String ciphertext) {

  public static final String PREFIX = "neo-enc:v1:";

  public EncryptedSecret {
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (!ciphertext.startsWith(PREFIX) || ciphertext.indexOf(':', PREFIX.length()) < 0) {
      // The message never repeats the value: it may be a plain password sent by mistake.
      throw new IllegalArgumentException("not an encrypted secret: expected " + PREFIX + "<key id>:<data>");
    }
  }

  @JsonCreator
  public static EncryptedSecret of(String ciphertext) {
    return new EncryptedSecret(ciphertext);
  }

  /** The id of the key that encrypted this secret, readable without any key. */
  public String keyId() {
    int end = ciphertext.indexOf(':', PREFIX.length());
    return ciphertext.substring(PREFIX.length(), end);
  }

  @JsonValue
  public String ciphertext() {
    return ciphertext;
  }

  @Override
  public String toString() {
    return "EncryptedSecret[key=" + keyId() + "]";
  }
}
