package io.neoinfra.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.processor.deadletter.CredentialRedactor;
import io.neoinfra.schemas.serde.NeoJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CredentialRedactorTest {

  private final CredentialRedactor redactor = new CredentialRedactor(NeoJson.newMapper());

  private String redact(String json) {
    return new String(redactor.redact(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  @Test
  void nestedPlaintextSecretsAreRedacted() {
    assertThat(redact("{\"connection\":{\"db_password\":\"pw1\"},\"list\":[{\"token\":\"t0k\"}]}"))
        .doesNotContain("pw1").doesNotContain("t0k");
  }

  @Test
  void ciphertextIsKept() {
    String json = "{\"password\":\"neo-enc:v1:k1:AAAAAAAAAAAAAAAAAAAAAAAA\"}";

    assertThat(redact(json)).isEqualTo(json);
  }

  @Test
  void sealedCiphertextIsKept() {
    String json = "{\"password\":\"neo-enc:v2:AXtNqT8gOOsvhE6Y1cYzJgWmH4Gv0X1t9aQ2M2l5\"}";

    assertThat(redact(json)).isEqualTo(json);
  }

  @Test
  void secretInTruncatedJsonIsRedactedByPattern() {
    assertThat(redact("{\"a\":1,\"password\": \"hunt")).doesNotContain("hunt").contains(CredentialRedactor.REDACTED);
  }

  @Test
  void numericSecretIsRedacted() {
    assertThat(redact("{\"password\":123456}")).doesNotContain("123456");
  }

  @Test
  void payloadWithoutSecretsIsUnchanged() {
    byte[] payload = "not json at all".getBytes(StandardCharsets.UTF_8);

    assertThat(redactor.redact(payload)).isSameAs(payload);
  }
}
