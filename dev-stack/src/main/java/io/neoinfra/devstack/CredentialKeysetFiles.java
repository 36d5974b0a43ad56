package io.neoinfra.devstack;

import io.neoinfra.schemas.crypto.PrivateKeyset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The dev stack's credential key pair, made on first start and kept in the data directory: the workers' private
 * keyset (mode 600), which only the worker is given, and its public keyset, which the gateway and the CLI seal with
 * ({@code export NEO_CREDENTIAL_PUBLIC_KEYSET=.neo/credentials-public.json}). Passwords sealed before a restart still
 * open after it. The public file is written again from the private one at every start, so the two always match.
 */
record CredentialKeysetFiles(Path privateFile, Path publicFile, PrivateKeyset keyset) {

  static final String PRIVATE_FILE = "credentials-private.json";
  static final String PUBLIC_FILE = "credentials-public.json";

  static CredentialKeysetFiles loadOrCreate(Path dataDir) {
    Path privateFile = dataDir.resolve(PRIVATE_FILE);
    Path publicFile = dataDir.resolve(PUBLIC_FILE);
    PrivateKeyset keyset;
    if (Files.exists(privateFile)) {
      keyset = PrivateKeyset.read(privateFile);
    } else {
      keyset = PrivateKeyset.generate();
      keyset.write(privateFile);
    }
    keyset.publicKeyset().write(publicFile);
    return new CredentialKeysetFiles(privateFile, publicFile, keyset);
  }

  @Override
  public String toString() {
    return "CredentialKeysetFiles[private=" + privateFile + ", public=" + publicFile + "]";
  }
}
