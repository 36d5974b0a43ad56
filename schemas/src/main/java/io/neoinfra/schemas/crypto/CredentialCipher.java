package io.neoinfra.schemas.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts credentials with AES-GCM before they reach a topic. The key id is written in clear in front of the
 * ciphertext and bound to it as additional authenticated data, so a reader picks the right key after a rotation and
 * a key id cannot be swapped without the tag failing.
 */
public final class CredentialCipher {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeyRing keys;
  private final SecureRandom random;

  public CredentialCipher(SecretKeyRing keys) {
    this(keys, new SecureRandom());
  }

  CredentialCipher(SecretKeyRing keys, SecureRandom random) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.random = Objects.requireNonNull(random, "random");
  }

  public EncryptedSecret encrypt(String plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    String keyId = keys.activeKeyId();
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.active(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return new EncryptedSecret(EncryptedSecret.PREFIX + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  public String decrypt(EncryptedSecret secret) {
    Objects.requireNonNull(secret, "secret");
    String keyId = secret.keyId();
    String data = secret.ciphertext().substring(EncryptedSecret.PREFIX.length() + keyId.length() + 1);
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw new CredentialDecryptionException("encrypted secret under key " + keyId + " is not valid base64url");
    }
    if (raw.length < IV_BYTES + TAG_BITS / 8) {
      throw new CredentialDecryptionException("encrypted secret under key " + keyId + " is too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, keys.find(keyId), new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new CredentialDecryptionException("encrypted secret under key " + keyId + " failed authentication (wrong key or tampered)");
    } catch (GeneralSecurityException e) {
      throw new CredentialDecryptionException("encrypted secret under key " + keyId + " could not be decrypted", e);
    }
  }

  /** Re-encrypts a secret under the active key (rotation); a secret already under it is returned as is. */
  public EncryptedSecret rotate(EncryptedSecret secret) {
    return secret.keyId().equals(keys.activeKeyId()) ? secret : encrypt(decrypt(secret));
  }
}
