package io.neoinfra.schemas.crypto;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/** The one algorithm credentials are sealed with, and the context every sealed credential is bound to. */
final class HybridScheme {

  /**
   * Bound to every ciphertext as HPKE context info: a ciphertext made by Tink for another purpose with the same keys
   * does not open as a credential. It is fixed rather than the database id so that a password can be sealed before
   * its database exists (`./neo events credentials seal`) and a record can be renamed without re-sealing.
   */
  static final byte[] CONTEXT_INFO = "neo credential v2".getBytes(StandardCharsets.UTF_8);

  /** HPKE (RFC 9180): X25519 key agreement, HKDF-SHA256, AES-256-GCM; Tink's prefix carries the key id. */
  static final HpkeParameters PARAMETERS;

  static {
    try {
      // Registers the HPKE key managers and the (de)serializations the JSON keyset format needs; idempotent.
      HybridConfig.register();
      PARAMETERS = HpkeParameters.builder()
          .setVariant(HpkeParameters.Variant.TINK)
          .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
          .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
          .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
          .build();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private HybridScheme() {}

  /**
   * Runs the static registration above. Without it, a keyset parsed before anything else touched this class (a fresh
   * worker reading its keyset file first) holds opaque legacy keys instead of HPKE keys.
   */
  static void ensureRegistered() {
    // The class initializer did the work by the time this body runs.
  }

  static Configuration configuration() {
    try {
      // The registry that HybridConfig.register() filled in the static initializer above.
      return RegistryConfiguration.get();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink's registry configuration is not available in this JVM", e);
    }
  }
}
