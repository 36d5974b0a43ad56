package io.neoinfra.producer.cli;

import io.neoinfra.schemas.crypto.CredentialOpener;
import io.neoinfra.schemas.crypto.CredentialSealer;
import io.neoinfra.schemas.crypto.EncryptedSecret;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.crypto.PublicKeyset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neo-events credentials}: the workers' keysets and their rotation. Producers hold only the public keyset;
 * the private one stays with the workers. Rotation: {@code rotate} (a new key, workers can open with it), roll the
 * workers with the private keyset, distribute the public keyset, {@code promote} the new key and distribute the
 * public keyset again, {@code reseal} stored passwords, {@code drop} the old key and roll the workers.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
    description = "Keysets that seal database passwords: keygen, rotate, promote, drop, public, list, seal, reseal.",
    subcommands = {CredentialsCommand.Keygen.class, CredentialsCommand.Rotate.class, CredentialsCommand.Promote.class,
        CredentialsCommand.Drop.class, CredentialsCommand.Public.class, CredentialsCommand.ListKeys.class,
        CredentialsCommand.Seal.class, CredentialsCommand.Reseal.class, CommandLine.HelpCommand.class})
final class CredentialsCommand {

  /** Where the public keyset is written after a change of the private one. */
  static final class PublicOut {
    @Option(names = "--public-keyset", paramLabel = "FILE", defaultValue = "${env:NEO_CREDENTIAL_PUBLIC_KEYSET}",
        description = "Also write the matching public keyset here (default: $NEO_CREDENTIAL_PUBLIC_KEYSET).")
    Path file;

    void write(PrivateKeyset keyset, PrintWriter out) {
      if (file != null) {
        keyset.publicKeyset().write(file);
        out.println("public keyset: " + file.toAbsolutePath());
      }
    }
  }

  @Command(name = "keygen", mixinStandardHelpOptions = true,
      description = "Create a private keyset with one key; writes the public keyset beside it when asked.")
  static final class Keygen implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PrivateKeysetOption privateKeyset = new PrivateKeysetOption();
    @Mixin PublicOut publicOut = new PublicOut();

    @Override
    public Integer call() {
      if (Files.exists(privateKeyset.file)) {
        throw new IllegalArgumentException(privateKeyset.file + " exists; rotate it instead of replacing it");
      }
      PrivateKeyset keyset = PrivateKeyset.generate();
      keyset.write(privateKeyset.file);
      PrintWriter out = spec.commandLine().getOut();
      out.println("private keyset: " + privateKeyset.file.toAbsolutePath() + " (primary key " + keyset.primaryKeyId()
          + "; workers only)");
      publicOut.write(keyset, out);
      return 0;
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Add a new key to the private keyset, not yet primary: workers can open with it before any "
          + "producer seals with it. Prints the new key id (promote it once every worker has the keyset).")
  static final class Rotate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PrivateKeysetOption privateKeyset = new PrivateKeysetOption();
    @Mixin PublicOut publicOut = new PublicOut();

    @Override
    public Integer call() {
      PrivateKeyset keyset = PrivateKeyset.read(privateKeyset.file).withNewKey();
      keyset.write(privateKeyset.file);
      PrintWriter out = spec.commandLine().getOut();
      out.println("new key " + keyset.newestKeyId() + " (primary is still " + keyset.primaryKeyId() + ")");
      publicOut.write(keyset, out);
      return 0;
    }
  }

  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = "Make a key primary: producers seal with it once they have the new public keyset.")
  static final class Promote implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PrivateKeysetOption privateKeyset = new PrivateKeysetOption();
    @Mixin PublicOut publicOut = new PublicOut();
    @Parameters(paramLabel = "KEY_ID", description = "The key to make primary (see list).") String keyId;

    @Override
    public Integer call() {
      PrivateKeyset keyset = PrivateKeyset.read(privateKeyset.file).promote(keyId);
      keyset.write(privateKeyset.file);
      PrintWriter out = spec.commandLine().getOut();
      out.println("primary key " + keyset.primaryKeyId());
      publicOut.write(keyset, out);
      return 0;
    }
  }

  @Command(name = "drop", mixinStandardHelpOptions = true,
      description = "Remove a key for good (not the primary): passwords sealed under it no longer open, so reseal "
          + "them first.")
  static final class Drop implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PrivateKeysetOption privateKeyset = new PrivateKeysetOption();
    @Mixin PublicOut publicOut = new PublicOut();
    @Parameters(paramLabel = "KEY_ID", description = "The key to remove.") String keyId;

    @Override
    public Integer call() {
      PrivateKeyset keyset = PrivateKeyset.read(privateKeyset.file).drop(keyId);
      keyset.write(privateKeyset.file);
      PrintWriter out = spec.commandLine().getOut();
      out.println("dropped key " + keyId + "; keys now " + keyset.keyIds());
      publicOut.write(keyset, out);
      return 0;
    }
  }

  @Command(name = "public", mixinStandardHelpOptions = true,
      description = "Print the public keyset of a private keyset (or write it with --public-keyset): the only key "
          + "material a producer gets.")
  static final class Public implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PrivateKeysetOption privateKeyset = new PrivateKeysetOption();
    @Option(names = "--public-keyset", paramLabel = "FILE", description = "Write it here instead of printing it.")
    Path file;

    @Override
    public Integer call() {
      PublicKeyset keyset = PrivateKeyset.read(privateKeyset.file).publicKeyset();
      if (file == null) {
        spec.commandLine().getOut().println(keyset.toJson());
      } else {
        keyset.write(file);
        spec.commandLine().getOut().println("public keyset: " + file.toAbsolutePath());
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "The key ids of a keyset (public or private) and which one is primary.")
  static final class ListKeys implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "FILE", description = "A public or private keyset file.") Path file;

    @Override
    public Integer call() throws IOException {
      String json = Files.readString(file);
      boolean isPrivate = json.contains("ASYMMETRIC_PRIVATE");
      List<String> ids;
      String primary;
      if (isPrivate) {
        PrivateKeyset keyset = PrivateKeyset.parse(json);
        ids = keyset.keyIds();
        primary = keyset.primaryKeyId();
      } else {
        PublicKeyset keyset = PublicKeyset.parse(json);
        ids = keyset.keyIds();
        primary = keyset.primaryKeyId();
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println((isPrivate ? "private" : "public") + " keyset " + file);
      for (String id : ids) {
        out.println("  " + id + (id.equals(primary) ? "  primary" : ""));
      }
      return 0;
    }
  }

  @Command(name = "seal", aliases = "encrypt", mixinStandardHelpOptions = true,
      description = "Seal a password read from stdin with the public keyset; prints neo-enc:v2:<data>, for "
          + "publishers in other languages. Reading stdin keeps the password out of shell history.")
  static final class Seal implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PublicKeysetOption publicKeyset = new PublicKeysetOption();

    @Override
    public Integer call() throws IOException {
      CredentialSealer sealer = new CredentialSealer(publicKeyset.required());
      String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException("no password on stdin");
      }
      spec.commandLine().getOut().println(sealer.seal(password).ciphertext());
      return 0;
    }
  }

  @Command(name = "reseal", mixinStandardHelpOptions = true,
      description = "Read sealed passwords from stdin, one per line, and print each sealed under the primary key "
          + "(rotation, before dropping the old key). Needs the private keyset: run it where the workers' secret is.")
  static final class Reseal implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PrivateKeysetOption privateKeyset = new PrivateKeysetOption();

    @Override
    public Integer call() throws IOException {
      CredentialOpener opener = new CredentialOpener(PrivateKeyset.read(privateKeyset.file));
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      PrintWriter out = spec.commandLine().getOut();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          out.println(opener.reseal(EncryptedSecret.of(line.trim())).ciphertext());
        }
      }
      return 0;
    }
  }
}
