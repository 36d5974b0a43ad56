package io.neoinfra.producer.cli;

import io.neoinfra.schemas.crypto.PublicKeyset;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The workers' public keyset that seals passwords, from the same variable every producing component reads. */
final class PublicKeysetOption {

  @Option(names = "--public-keyset", paramLabel = "FILE", defaultValue = "${env:NEO_CREDENTIAL_PUBLIC_KEYSET}",
      description = "The workers' public keyset (Tink JSON) that seals passwords (default: "
          + "$NEO_CREDENTIAL_PUBLIC_KEYSET; ./neo dev writes .neo/credentials-public.json). Needed only to publish a "
          + "password.")
  Path file;

  PublicKeyset keysetOrNull() {
    return file == null ? null : PublicKeyset.read(file);
  }

  PublicKeyset required() {
    if (file == null) {
      throw new IllegalArgumentException("no public keyset: set NEO_CREDENTIAL_PUBLIC_KEYSET or --public-keyset");
    }
    return PublicKeyset.read(file);
  }
}
