package io.neoinfra.worker.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.schemas.events.PasswordRef;
import io.neoinfra.worker.credentials.PasswordRefException.Refusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReferencesTest {

  private static final Map<String, String> ENV = Map.of(
      "NEO_SECRET_SHOP", "env-secret",
      "NEO_SECRET_EMPTY", "",
      "NEO_WORKER_BOOTSTRAP_SERVERS", "kafka:9092");

  @TempDir Path secrets;

  private SecretReferences references() {
    return new SecretReferences(ENV::get, Optional.of(secrets), "NEO_SECRET_");
  }

  @Test
  void readsAVariableThatCarriesThePrefix() {
    assertThat(references().resolve(PasswordRef.parse("env:NEO_SECRET_SHOP"))).isEqualTo("env-secret");
  }

  @Test
  void refusesAVariableWithoutThePrefix() {
    assertThatThrownBy(() -> references().resolve(PasswordRef.parse("env:NEO_WORKER_BOOTSTRAP_SERVERS")))
        .isInstanceOfSatisfying(PasswordRefException.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.PREFIX_NOT_ALLOWED))
        .hasMessageNotContaining("kafka:9092");
  }

  @Test
  void refusesThePrefixAlone() {
    assertThatThrownBy(() -> references().resolve(PasswordRef.parse("env:NEO_SECRET_")))
        .isInstanceOfSatisfying(PasswordRefException.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.PREFIX_NOT_ALLOWED));
  }

  @Test
  void namesAnUnsetVariableAsNotFound() {
    assertThatThrownBy(() -> references().resolve(PasswordRef.parse("env:NEO_SECRET_NOBODY")))
        .isInstanceOfSatisfying(PasswordRefException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.NOT_FOUND))
        .hasMessageContaining("env:NEO_SECRET_NOBODY");
  }

  @Test
  void refusesAnEmptyVariable() {
    assertThatThrownBy(() -> references().resolve(PasswordRef.parse("env:NEO_SECRET_EMPTY")))
        .isInstanceOfSatisfying(PasswordRefException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.EMPTY));
  }

  @Test
  void readsAFileOfTheSecretsDirectoryWithoutItsTrailingLineBreak() throws Exception {
    Files.writeString(secrets.resolve("shop.password"), "file-secret\n");

    assertThat(references().resolve(PasswordRef.parse("file:shop.password"))).isEqualTo("file-secret");
  }

  @Test
  void followsASymbolicLinkInsideTheDirectoryAsKubernetesMountsSecrets() throws Exception {
    Path data = Files.createDirectory(secrets.resolve("..data"));
    Files.writeString(data.resolve("shop.password"), "linked-secret");
    Files.createSymbolicLink(secrets.resolve("shop.password"), Path.of("..data", "shop.password"));

    assertThat(references().resolve(PasswordRef.parse("file:shop.password"))).isEqualTo("linked-secret");
  }

  @Test
  void namesAMissingFileWithoutTheDirectory() {
    assertThatThrownBy(() -> references().resolve(PasswordRef.parse("file:nobody.password")))
        .isInstanceOfSatisfying(PasswordRefException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.NOT_FOUND))
        .hasMessageContaining("file:nobody.password").hasMessageNotContaining(secrets.toString());
  }

  @Test
  void refusesAFileReferenceWhenNoSecretsDirectoryIsConfigured() {
    SecretReferences noDirectory = new SecretReferences(ENV::get, Optional.empty(), "NEO_SECRET_");

    assertThatThrownBy(() -> noDirectory.resolve(PasswordRef.parse("file:shop.password")))
        .isInstanceOfSatisfying(PasswordRefException.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.NO_SECRETS_DIRECTORY));
  }

  @Test
  void aDirectoryNamedInTheSecretsDirectoryIsNotASecret() throws Exception {
    Files.createDirectory(secrets.resolve("nested"));

    assertThatThrownBy(() -> references().resolve(PasswordRef.parse("file:nested")))
        .isInstanceOfSatisfying(PasswordRefException.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.UNREADABLE));
  }
}
