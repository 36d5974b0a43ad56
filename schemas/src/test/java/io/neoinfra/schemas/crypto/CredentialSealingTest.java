package io.neoinfra.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.schemas.crypto.CredentialDecryptionException.Failure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialSealingTest {

  private static final PrivateKeyset WORKER_KEYS = PrivateKeyset.generate();

  private final CredentialSealer producer = new CredentialSealer(WORKER_KEYS.publicKeyset());
  private final CredentialOpener worker = new CredentialOpener(WORKER_KEYS);

  @Test
  void aWorkerOpensWhatAProducerSealedWithThePublicKeyset() {
    assertThat(worker.open(producer.seal("s3cr3t-pässword"))).isEqualTo("s3cr3t-pässword");
  }

  @Test
  void writesTheVersionPrefixAndTheKeyIdButNeverThePlaintext() {
    EncryptedSecret secret = producer.seal("hunter2");

    assertThat(secret.ciphertext()).startsWith("neo-enc:v2:").doesNotContain("hunter2");
    assertThat(secret.keyId()).isEqualTo(WORKER_KEYS.primaryKeyId());
    assertThat(secret.toString()).doesNotContain(secret.ciphertext());
  }

  @Test
  void sealsTheSamePasswordDifferentlyEveryTime() {
    assertThat(producer.seal("same")).isNotEqualTo(producer.seal("same"));
  }

  @Test
  void thePublicKeysetAProducerIsConfiguredWithCannotOpenASealedCredential(@TempDir Path dir) {
    Path gatewayKeysetFile = dir.resolve("credentials-public.json");
    WORKER_KEYS.publicKeyset().write(gatewayKeysetFile);
    EncryptedSecret sealed = new CredentialSealer(PublicKeyset.read(gatewayKeysetFile)).seal("pw");

    assertThatThrownBy(() -> new CredentialOpener(PrivateKeyset.read(gatewayKeysetFile)))
        .isInstanceOf(InvalidKeysetException.class).hasMessageContaining("cannot open");
    assertThat(worker.open(sealed)).isEqualTo("pw");
  }

  @Test
  void refusesAPrivateKeysetWhereOnlyThePublicOneBelongs() {
    assertThatThrownBy(() -> PublicKeyset.parse(WORKER_KEYS.toJson()))
        .isInstanceOf(InvalidKeysetException.class).hasMessageContaining("private keyset was given");
  }

  @Test
  void aSecretSealedUnderTheOldKeyOpensAfterRotationAndNewOnesUseTheNewKey() {
    PrivateKeyset before = PrivateKeyset.generate();
    EncryptedSecret underOld = new CredentialSealer(before.publicKeyset()).seal("pw");
    PrivateKeyset added = before.withNewKey();
    PrivateKeyset rotated = added.promote(added.newestKeyId());

    EncryptedSecret underNew = new CredentialSealer(rotated.publicKeyset()).seal("pw2");
    CredentialOpener opener = new CredentialOpener(rotated);

    assertThat(opener.open(underOld)).isEqualTo("pw");
    assertThat(underNew.keyId()).isEqualTo(added.newestKeyId()).isNotEqualTo(before.primaryKeyId());
    assertThat(opener.open(underNew)).isEqualTo("pw2");
  }

  @Test
  void resealingMovesASecretToThePrimaryKeySoTheOldKeyCanBeDropped() {
    PrivateKeyset before = PrivateKeyset.generate();
    String oldKey = before.primaryKeyId();
    EncryptedSecret underOld = new CredentialSealer(before.publicKeyset()).seal("pw");
    PrivateKeyset added = before.withNewKey();
    PrivateKeyset rotated = added.promote(added.newestKeyId());

    EncryptedSecret resealed = new CredentialOpener(rotated).reseal(underOld);
    PrivateKeyset dropped = rotated.drop(oldKey);

    assertThat(resealed.keyId()).isEqualTo(rotated.primaryKeyId());
    assertThat(new CredentialOpener(dropped).open(resealed)).isEqualTo("pw");
    assertThatThrownBy(() -> new CredentialOpener(dropped).open(underOld))
        .isInstanceOfSatisfying(CredentialDecryptionException.class,
            e -> assertThat(e.failure()).isEqualTo(Failure.UNKNOWN_KEY))
        .hasMessageContaining("not in this worker's private keyset");
  }

  @Test
  void refusesToDropThePrimaryKey() {
    assertThatThrownBy(() -> WORKER_KEYS.drop(WORKER_KEYS.primaryKeyId()))
        .isInstanceOf(InvalidKeysetException.class).hasMessageContaining("primary key");
  }

  @Test
  void detectsTamperedCiphertextAsATypedFailure() {
    byte[] raw = producer.seal("pw").data();
    raw[raw.length - 1] ^= 0x01;
    EncryptedSecret tampered = new EncryptedSecret("neo-enc:v2:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw));

    assertThatThrownBy(() -> worker.open(tampered))
        .isInstanceOfSatisfying(CredentialDecryptionException.class,
            e -> assertThat(e.failure()).isEqualTo(Failure.TAMPERED))
        .hasMessageContaining("failed authentication");
  }

  @Test
  void refusesASecretSealedForAnotherKeysetByItsKeyId() {
    EncryptedSecret elsewhere = new CredentialSealer(PrivateKeyset.generate().publicKeyset()).seal("pw");

    assertThatThrownBy(() -> worker.open(elsewhere))
        .isInstanceOfSatisfying(CredentialDecryptionException.class,
            e -> assertThat(e.failure()).isEqualTo(Failure.UNKNOWN_KEY))
        .hasMessageContaining(elsewhere.keyId()).hasMessageNotContaining("pw");
  }

  @Test
  void refusesARetiredSharedKeyValueWithAReasonAndKeepsItReadable() {
    EncryptedSecret v1 = EncryptedSecret.of("neo-enc:v1:k1:" + Base64.getUrlEncoder().encodeToString(new byte[40]));

    assertThat(v1.keyId()).isEqualTo("k1");
    assertThatThrownBy(() -> worker.open(v1))
        .isInstanceOfSatisfying(CredentialDecryptionException.class,
            e -> assertThat(e.failure()).isEqualTo(Failure.RETIRED_FORMAT))
        .hasMessageContaining("neo-enc:v1");
  }

  @Test
  void refusesACutShortCiphertextAsMalformed() {
    assertThatThrownBy(() -> worker.open(EncryptedSecret.of("neo-enc:v2:AQID")))
        .isInstanceOfSatisfying(CredentialDecryptionException.class,
            e -> assertThat(e.failure()).isEqualTo(Failure.MALFORMED));
  }

  @Test
  void refusesAPlainStringAsAnEncryptedSecret() {
    assertThatThrownBy(() -> new EncryptedSecret("hunter2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> new EncryptedSecret("neo-enc:v2:not base64!")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not base64!");
  }

  @Test
  void writesThePrivateKeysetReadableByItsOwnerOnlyAndReadsItBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("credentials-private.json");
    WORKER_KEYS.write(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(new CredentialOpener(PrivateKeyset.read(file)).open(producer.seal("pw"))).isEqualTo("pw");
  }

  @Test
  void namesAnUnreadableKeysetFileWithoutItsContent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys.json");
    Files.writeString(file, "k1:c2VjcmV0LWtleS1tYXRlcmlhbA==");

    assertThatThrownBy(() -> PublicKeyset.read(file)).isInstanceOf(InvalidKeysetException.class)
        .hasMessageNotContaining("c2VjcmV0");
  }
}
