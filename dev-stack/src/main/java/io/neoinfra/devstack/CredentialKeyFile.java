package io.neoinfra.devstack;

import io.neoinfra.schemas.crypto.SecretKeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The dev stack's AES key ring, made on first start and kept in the data directory (mode 600), so that passwords
 * encrypted before a restart still decrypt after it, and so that the CLI can use the same keys
 * ({@code export NEO_CREDENTIAL_KEYS=$(cat .neo/credential-keys)}).
 */
final class CredentialKeyFile {

  private CredentialKeyFile() {}

  static String loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      String spec = "dev1:" + Base64.getEncoder().encodeToString(key);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, spec + "\n", StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return spec;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the credential keys in " + file, e);
    }
  }

  static SecretKeyRing ring(String spec) {
    return SecretKeyRing.parse(spec, null);
  }
}
