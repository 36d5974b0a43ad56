package io.neoinfra.schemas.crypto;

import com.google.crypto.tink.HybridDecrypt;
import io.neoinfra.schemas.crypto.CredentialDecryptionException.Failure;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Opens sealed credentials with the workers' private keyset: any key of it opens what was sealed under it, so secrets
 * sealed before a rotation still open after it. Only workers (and the rotation tool) construct one.
 */
public final class CredentialOpener {

  private static final int TINK_PREFIX_BYTES = 5;

  private final PrivateKeyset keyset;
  private final HybridDecrypt decrypt;
  private final CredentialSealer sealer;

  public CredentialOpener(PrivateKeyset keyset) {
    this.keyset = Objects.requireNonNull(keyset, "keyset");
    try {
      this.decrypt = keyset.handle().getPrimitive(HybridScheme.configuration(), HybridDecrypt.class);
    } catch (GeneralSecurityException e) {
      throw new InvalidKeysetException("the private keyset holds no HPKE key that can open", e);
    }
    this.sealer = new CredentialSealer(keyset.publicKeyset());
  }

  public String open(EncryptedSecret secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.retired()) {
      throw new CredentialDecryptionException(Failure.RETIRED_FORMAT, "the password was encrypted with the retired "
          + "shared key (neo-enc:v1); seal it again with the workers' public keyset (neo-enc:v2) and update the "
          + "database");
    }
    byte[] raw = secret.data();
    if (raw.length <= TINK_PREFIX_BYTES) {
      throw new CredentialDecryptionException(Failure.MALFORMED, "the sealed password is not a Tink ciphertext");
    }
    String keyId = secret.keyId();
    if (!keyset.keyIds().contains(keyId)) {
      throw new CredentialDecryptionException(Failure.UNKNOWN_KEY, "the password is sealed under key " + keyId
          + ", which is not in this worker's private keyset " + keyset.keyIds());
    }
    try {
      return new String(decrypt.decrypt(raw, HybridScheme.CONTEXT_INFO), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new CredentialDecryptionException(Failure.TAMPERED, "the password sealed under key " + keyId
          + " failed authentication (altered, or sealed for another purpose)");
    }
  }

  /** Seals a secret again under the current primary key (rotation); one already under it is returned as is. */
  public EncryptedSecret reseal(EncryptedSecret secret) {
    return secret.keyId().equals(keyset.primaryKeyId()) ? secret : sealer.seal(open(secret));
  }
}
