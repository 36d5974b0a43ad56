package io.neoinfra.schemas.crypto;

import com.google.crypto.tink.HybridEncrypt;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;

/**
 * Seals credentials before they reach a topic, with the primary key of the workers' public keyset (HPKE). Whoever
 * holds a sealer cannot open what it sealed: that takes the private keyset only workers have.
 */
public final class CredentialSealer {

  private final PublicKeyset keyset;
  private final HybridEncrypt encrypt;

  public CredentialSealer(PublicKeyset keyset) {
    this.keyset = Objects.requireNonNull(keyset, "keyset");
    try {
      this.encrypt = keyset.handle().getPrimitive(HybridScheme.configuration(), HybridEncrypt.class);
    } catch (GeneralSecurityException e) {
      throw new InvalidKeysetException("the public keyset holds no HPKE key that can seal", e);
    }
  }

  public EncryptedSecret seal(String plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    try {
      byte[] sealed = encrypt.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), HybridScheme.CONTEXT_INFO);
      return new EncryptedSecret(EncryptedSecret.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HPKE sealing failed", e);
    }
  }

  /** The key new secrets are sealed under. */
  public String primaryKeyId() {
    return keyset.primaryKeyId();
  }
}
