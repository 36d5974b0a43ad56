package io.neoinfra.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.crypto.CredentialOpener;
import io.neoinfra.schemas.crypto.CredentialSealer;
import io.neoinfra.schemas.crypto.EncryptedSecret;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.crypto.PublicKeyset;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CredentialsCommandTest {

  @TempDir Path dir;

  @Test
  void keygenWritesAPrivateKeysetForWorkersAndAPublicOneForProducers() {
    Path privateFile = dir.resolve("credentials-private.json");
    Path publicFile = dir.resolve("credentials-public.json");

    Run keygen = run(null, "credentials", "keygen", "--private-keyset", privateFile.toString(),
        "--public-keyset", publicFile.toString());

    assertThat(keygen.exitCode).as(keygen.err).isZero();
    EncryptedSecret sealed = new CredentialSealer(PublicKeyset.read(publicFile)).seal("pw");
    assertThat(new CredentialOpener(PrivateKeyset.read(privateFile)).open(sealed)).isEqualTo("pw");
  }

  @Test
  void keygenRefusesToReplaceAnExistingKeyset() throws Exception {
    Path privateFile = dir.resolve("credentials-private.json");
    PrivateKeyset.generate().write(privateFile);
    String before = Files.readString(privateFile);

    Run keygen = run(null, "credentials", "keygen", "--private-keyset", privateFile.toString());

    assertThat(keygen.exitCode).isEqualTo(CliErrors.FAILURE);
    assertThat(keygen.err).contains("rotate it instead");
    assertThat(Files.readString(privateFile)).isEqualTo(before);
  }

  @Test
  void rotatePromoteResealAndDropKeepEveryStoredPasswordOpenable() {
    Path privateFile = dir.resolve("credentials-private.json");
    Path publicFile = dir.resolve("credentials-public.json");
    run(null, "credentials", "keygen", "--private-keyset", privateFile.toString(), "--public-keyset", publicFile.toString());
    String oldKey = PrivateKeyset.read(privateFile).primaryKeyId();
    String sealedBefore = seal(publicFile, "stored-password");

    run(null, "credentials", "rotate", "--private-keyset", privateFile.toString(), "--public-keyset", publicFile.toString());
    String newKey = PrivateKeyset.read(privateFile).newestKeyId();
    assertThat(PublicKeyset.read(publicFile).primaryKeyId()).isEqualTo(oldKey);
    run(null, "credentials", "promote", newKey, "--private-keyset", privateFile.toString(),
        "--public-keyset", publicFile.toString());
    Run reseal = run(sealedBefore + "\n", "credentials", "reseal", "--private-keyset", privateFile.toString());
    Run drop = run(null, "credentials", "drop", oldKey, "--private-keyset", privateFile.toString(),
        "--public-keyset", publicFile.toString());

    assertThat(drop.exitCode).as(drop.err).isZero();
    EncryptedSecret resealed = EncryptedSecret.of(reseal.out.trim());
    assertThat(resealed.keyId()).isEqualTo(newKey);
    assertThat(EncryptedSecret.of(seal(publicFile, "new-password")).keyId()).isEqualTo(newKey);
    assertThat(new CredentialOpener(PrivateKeyset.read(privateFile)).open(resealed)).isEqualTo("stored-password");
    assertThat(PrivateKeyset.read(privateFile).keyIds()).containsExactly(newKey);
  }

  @Test
  void publicPrintsAKeysetWithoutPrivateKeyMaterial() {
    Path privateFile = dir.resolve("credentials-private.json");
    PrivateKeyset.generate().write(privateFile);

    Run exported = run(null, "credentials", "public", "--private-keyset", privateFile.toString());

    assertThat(exported.exitCode).as(exported.err).isZero();
    assertThat(exported.out).contains("ASYMMETRIC_PUBLIC").doesNotContain("ASYMMETRIC_PRIVATE");
    assertThat(PublicKeyset.parse(exported.out).primaryKeyId())
        .isEqualTo(PrivateKeyset.read(privateFile).primaryKeyId());
  }

  @Test
  void sealWithoutAPublicKeysetSaysWhichSettingIsMissing() {
    Run seal = run("pw\n", "credentials", "seal");

    assertThat(seal.exitCode).isEqualTo(CliErrors.FAILURE);
    assertThat(seal.err).contains("NEO_CREDENTIAL_PUBLIC_KEYSET");
  }

  private String seal(Path publicFile, String password) {
    Run seal = run(password + "\n", "credentials", "seal", "--public-keyset", publicFile.toString());
    assertThat(seal.exitCode).as(seal.err).isZero();
    return seal.out.trim();
  }

  private static Run run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = NeoEventsCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    InputStream original = System.in;
    try {
      if (stdin != null) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      }
      int code = cli.execute(args);
      return new Run(code, out.toString(), err.toString());
    } finally {
      System.setIn(original);
    }
  }

  private record Run(int exitCode, String out, String err) {}
}
