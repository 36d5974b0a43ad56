package io.neoinfra.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

  private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void decryptsWhatItEncrypted() {
    CredentialCipher cipher = new CredentialCipher(SecretKeyRing.parse("k1:" + K1, "k1"));

    assertThat(cipher.decrypt(cipher.encrypt("s3cr3t-pässword"))).isEqualTo("s3cr3t-pässword");
  }

  @Test
  void writesTheKeyIdInFrontAndNeverThePlaintext() {
    EncryptedSecret secret = new CredentialCipher(SecretKeyRing.parse("k1:" + K1, "k1")).encrypt("hunter2");

    assertThat(secret.ciphertext()).startsWith("neo-enc:v1:k1:").doesNotContain("hunter2");
    assertThat(secret.keyId()).isEqualTo("k1");
    assertThat(secret.toString()).doesNotContain(secret.ciphertext());
  }

  @Test
  void usesAFreshNonceForEveryEncryption() {
    CredentialCipher cipher = new CredentialCipher(SecretKeyRing.parse("k1:" + K1, "k1"));

    assertThat(cipher.encrypt("same")).isNotEqualTo(cipher.encrypt("same"));
  }

  @Test
  void oldSecretsStillDecryptAfterTheActiveKeyRotates() {
    EncryptedSecret underK1 = new CredentialCipher(SecretKeyRing.parse("k1:" + K1, "k1")).encrypt("pw");
    CredentialCipher rotated = new CredentialCipher(SecretKeyRing.parse("k1:" + K1 + ",k2:" + K2, "k2"));

    assertThat(rotated.decrypt(underK1)).isEqualTo("pw");
    EncryptedSecret reEncrypted = rotated.rotate(underK1);
    assertThat(reEncrypted.keyId()).isEqualTo("k2");
    assertThat(rotated.decrypt(reEncrypted)).isEqualTo("pw");
  }

  @Test
  void detectsTamperedCiphertext() {
    CredentialCipher cipher = new CredentialCipher(SecretKeyRing.parse("k1:" + K1, "k1"));
    String text = cipher.encrypt("pw").ciphertext();
    char last = text.charAt(text.length() - 1);
    EncryptedSecret tampered = new EncryptedSecret(text.substring(0, text.length() - 1) + (last == 'A' ? 'B' : 'A'));

    assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(CredentialDecryptionException.class)
        .hasMessageContaining("failed authentication");
  }

  @Test
  void refusesASwappedKeyIdBecauseTheIdIsAuthenticated() {
    CredentialCipher cipher = new CredentialCipher(SecretKeyRing.parse("k1:" + K1 + ",k2:" + K1, "k1"));
    String text = cipher.encrypt("pw").ciphertext();
    EncryptedSecret relabelled = new EncryptedSecret(text.replace("neo-enc:v1:k1:", "neo-enc:v1:k2:"));

    assertThatThrownBy(() -> cipher.decrypt(relabelled)).isInstanceOf(CredentialDecryptionException.class);
  }

  @Test
  void namesAMissingKeyWithoutShowingTheSecret() {
    EncryptedSecret underK2 = new CredentialCipher(SecretKeyRing.parse("k2:" + K2, "k2")).encrypt("pw");
    CredentialCipher onlyK1 = new CredentialCipher(SecretKeyRing.parse("k1:" + K1, "k1"));

    assertThatThrownBy(() -> onlyK1.decrypt(underK2)).isInstanceOf(CredentialDecryptionException.class)
        .hasMessageContaining("no key with id k2");
  }

  @Test
  void refusesAPlainStringAsAnEncryptedSecret() {
    assertThatThrownBy(() -> new EncryptedSecret("hunter2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void refusesKeysOfTheWrongLength() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[10]);

    assertThatThrownBy(() -> SecretKeyRing.parse("k1:" + shortKey, null)).hasMessageContaining("16, 24 or 32 bytes");
  }

  @Test
  void refusesAnActiveKeyThatIsNotInTheRing() {
    assertThatThrownBy(() -> SecretKeyRing.parse("k1:" + K1, "k9")).hasMessageContaining("active key k9");
  }
}
