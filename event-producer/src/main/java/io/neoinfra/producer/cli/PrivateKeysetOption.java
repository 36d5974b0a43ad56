package io.neoinfra.producer.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The workers' private keyset file, for the rotation commands only (run where the workers' secret is kept). */
final class PrivateKeysetOption {

  @Option(names = "--private-keyset", paramLabel = "FILE", required = true,
      defaultValue = "${env:NEO_CREDENTIAL_PRIVATE_KEYSET}",
      description = "The workers' private keyset (Tink JSON, mode 600) (default: $NEO_CREDENTIAL_PRIVATE_KEYSET).")
  Path file;
}
