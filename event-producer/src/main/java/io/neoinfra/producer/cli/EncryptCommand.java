package io.neoinfra.producer.cli;

import io.neoinfra.schemas.crypto.CredentialCipher;
import io.neoinfra.schemas.crypto.SecretKeyRing;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neo-events encrypt}: reads a password from stdin and prints its ciphertext, for publishers in other languages
 * that put an already-encrypted password into their events. Reading stdin keeps the password out of shell history.
 */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
    description = "Encrypt a password read from stdin with the credential keys; prints neo-enc:v1:<key>:<data>.")
final class EncryptCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CredentialKeyOptions credentials = new CredentialKeyOptions();

  @Override
  public Integer call() throws Exception {
    SecretKeyRing keys = credentials.keyRingOrNull();
    if (keys == null) {
      throw new IllegalArgumentException("no credential keys: set NEO_CREDENTIAL_KEYS or --credential-keys");
    }
    String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("no password on stdin");
    }
    spec.commandLine().getOut().println(new CredentialCipher(keys).encrypt(password).ciphertext());
    return 0;
  }
}
