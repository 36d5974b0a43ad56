package io.neoinfra.producer.cli;

import io.neoinfra.schemas.crypto.SecretKeyRing;
import picocli.CommandLine.Option;

/** The key ring that encrypts passwords, from the same environment variables the services read. */
final class CredentialKeyOptions {

  @Option(names = "--credential-keys", paramLabel = "ID:BASE64[,…]", defaultValue = "${env:NEO_CREDENTIAL_KEYS}",
      description = "AES keys as id:base64 (default: $NEO_CREDENTIAL_KEYS). Needed only to publish a password.")
  String keys;

  @Option(names = "--credential-active-key", paramLabel = "ID", defaultValue = "${env:NEO_CREDENTIAL_ACTIVE_KEY}",
      description = "The key id that encrypts (default: $NEO_CREDENTIAL_ACTIVE_KEY, else the first key).")
  String activeKey;

  SecretKeyRing keyRingOrNull() {
    return keys == null || keys.isBlank() ? null : SecretKeyRing.parse(keys, activeKey);
  }
}
