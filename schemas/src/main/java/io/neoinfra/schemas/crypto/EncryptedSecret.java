package io.neoinfra.schemas.crypto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Base64;
import java.util.Objects;

/**
 * A credential as it may travel: {@code neo-enc:v2:<base64url(Tink HPKE ciphertext)>}, sealed with the workers'
 * public keyset ({@link CredentialSealer}) and opened only with their private keyset ({@link CredentialOpener}).
 * The type exists so that no event record can hold a plain password by mistake.
 *
 * <p>The id of the sealing key is the 4 bytes after Tink's version byte at the start of the ciphertext, so a reader
 * can tell which key a secret needs without any key. {@code neo-enc:v1:} values (AES under a key every producer
 * shared) are still accepted as values, so records written before the change still read, but no keyset opens them:
 * {@link CredentialOpener} refuses them as {@link CredentialDecryptionException.Failure#RETIRED_FORMAT}.
 */
public record EncryptedSecret(String ciphertext) {

  public static final String PREFIX = "neo-enc:v2:";
  /** The retired shared-key format: readable as a value, never opened. */
  public static final String RETIRED_PREFIX = "neo-enc:v1:";

  /** Tink's "TINK" output prefix: a version byte then the key id, big-endian. */
  private static final int TINK_PREFIX_BYTES = 5;
  private static final byte TINK_START_BYTE = 0x01;

  public EncryptedSecret {
    Objects.requireNonNull(ciphertext, "ciphertext");
    // The messages never repeat the value: it may be a plain password sent by mistake.
    if (ciphertext.startsWith(RETIRED_PREFIX)) {
      if (ciphertext.indexOf(':', RETIRED_PREFIX.length()) < 0) {
        throw new IllegalArgumentException("not an encrypted secret: expected " + PREFIX + "<data>");
      }
    } else if (!ciphertext.startsWith(PREFIX) || ciphertext.length() == PREFIX.length()) {
      throw new IllegalArgumentException("not an encrypted secret: expected " + PREFIX + "<data>");
    } else if (!ciphertext.substring(PREFIX.length()).matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("not an encrypted secret: the data after " + PREFIX + " must be base64url");
    }
  }

  @JsonCreator
  public static EncryptedSecret of(String ciphertext) {
    return new EncryptedSecret(ciphertext);
  }

  /** True for a {@code neo-enc:v1:} value of the retired shared-key scheme. */
  public boolean retired() {
    return ciphertext.startsWith(RETIRED_PREFIX);
  }

  /**
   * The id of the key that sealed this secret, readable without any key: the unsigned decimal Tink key id (as
   * {@code ./neo events credentials list} shows it), or the label of a retired v1 value; {@code "unknown"} when the
   * data is too short to hold one.
   */
  public String keyId() {
    if (retired()) {
      return ciphertext.substring(RETIRED_PREFIX.length(), ciphertext.indexOf(':', RETIRED_PREFIX.length()));
    }
    byte[] raw = data();
    if (raw.length < TINK_PREFIX_BYTES || raw[0] != TINK_START_BYTE) {
      return "unknown";
    }
    int id = ((raw[1] & 0xff) << 24) | ((raw[2] & 0xff) << 16) | ((raw[3] & 0xff) << 8) | (raw[4] & 0xff);
    return Integer.toUnsignedString(id);
  }

  /** The Tink ciphertext (v2 only). */
  byte[] data() {
    try {
      return Base64.getUrlDecoder().decode(ciphertext.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  @JsonValue
  public String ciphertext() {
    return ciphertext;
  }

  @Override
  public String toString() {
    return "EncryptedSecret[" + (retired() ? "v1" : "v2") + " key=" + keyId() + "]";
  }
}
