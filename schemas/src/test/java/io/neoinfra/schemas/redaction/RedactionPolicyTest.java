package io.neoinfra.schemas.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactionPolicyTest {

  private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJlLWJ5dGVz";
  private static final String SEALED = "neo-enc:v1:k1:AAAAAAAAAAAAAAAAAAAAAAAA";

  private final RedactionPolicy policy = RedactionPolicy.standard();
  private final ObjectMapper mapper = new ObjectMapper();

  private String bytes(String text) {
    return new String(policy.redactBytes(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  private JsonNode json(String text) throws Exception {
    return policy.redactJson(mapper.readTree(text));
  }

  @Test
  void aPlaintextPasswordFieldIsReplaced() throws Exception {
    assertThat(json("{\"password\":\"hunter2\"}").path("password").asText()).isEqualTo(RedactionPolicy.REDACTED);
  }

  @Test
  void aSealedPasswordFieldIsReplacedToo() throws Exception {
    assertThat(json("{\"password\":\"" + SEALED + "\"}").path("password").asText())
        .isEqualTo(RedactionPolicy.REDACTED);
  }

  @Test
  void aSealedValueOfAnyVersionIsReplacedUnderAnyName() throws Exception {
    assertThat(json("{\"note\":\"was neo-enc:v2:k9:QUJD-ZGVm_ghi\"}").path("note").asText())
        .isEqualTo("was " + RedactionPolicy.REDACTED);
  }

  @Test
  void secretsNestedInObjectsAndArraysAreReplaced() throws Exception {
    JsonNode redacted = json("{\"connection\":{\"db_password\":\"pw1\"},\"list\":[{\"access_token\":\"t0k\"}]}");

    assertThat(redacted.toString()).doesNotContain("pw1").doesNotContain("t0k");
  }

  @Test
  void everySecretNameOfThePolicyIsRecognised() {
    assertThat(new String[] {"password", "password_ref", "secret", "token", "access_token", "refresh_token",
        "client_secret", "authorization", "Authorization", "sasl.jaas.config", "ssl.key.password",
        "ssl.truststore.password", "db_password", "pwd", "credentials", "api_key"})
        .allMatch(policy::isSecretName);
  }

  @Test
  void ordinaryNamesAreNotSecret() {
    assertThat(new String[] {"database_id", "username", "host", "port", "database_name", "engine", "ce_type"})
        .noneMatch(policy::isSecretName);
  }

  @Test
  void aNumericSecretIsReplaced() throws Exception {
    assertThat(json("{\"password\":123456}").toString()).doesNotContain("123456");
  }

  @Test
  void aSecretGivenAsAnObjectIsReplacedWhole() throws Exception {
    assertThat(json("{\"secret\":{\"value\":\"hunter2\"}}").path("secret").asText())
        .isEqualTo(RedactionPolicy.REDACTED);
  }

  @Test
  void aNullSecretStaysNull() throws Exception {
    assertThat(json("{\"password\":null}").path("password").isNull()).isTrue();
  }

  @Test
  void redactingJsonLeavesTheOriginalTreeUnchanged() throws Exception {
    JsonNode original = mapper.readTree("{\"password\":\"hunter2\"}");

    policy.redactJson(original);

    assertThat(original.path("password").asText()).isEqualTo("hunter2");
  }

  @Test
  void aJwtIsReplacedWherever() throws Exception {
    assertThat(json("{\"detail\":\"token " + JWT + " expired\"}").path("detail").asText())
        .isEqualTo("token " + RedactionPolicy.REDACTED + " expired");
  }

  @Test
  void aBearerCredentialIsReplacedButItsSchemeKept() {
    assertThat(policy.redactText("sent Bearer abcdefgh12345678 upstream"))
        .isEqualTo("sent Bearer " + RedactionPolicy.REDACTED + " upstream");
  }

  @Test
  void aPasswordInTruncatedJsonIsReplacedByPattern() {
    assertThat(bytes("{\"a\":1,\"password\": \"hunt")).doesNotContain("hunt").contains(RedactionPolicy.REDACTED);
  }

  @Test
  void aKeyValueSettingInTextIsReplaced() {
    assertThat(policy.redactText("connecting with user=app password=hunter2 ssl=true"))
        .isEqualTo("connecting with user=app password=" + RedactionPolicy.REDACTED + " ssl=true");
  }

  @Test
  void aJaasConfigLosesItsPassword() {
    String redacted = policy.redactText("sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
        + " required username=\"neo\" password=\"kafka-pw\";");

    assertThat(redacted).doesNotContain("kafka-pw").doesNotContain("PlainLoginModule");
  }

  @Test
  void textWithoutSecretsIsUnchanged() {
    String text = "migration of db-1 to version 5 completed in 300 ms";

    assertThat(policy.redactText(text)).isEqualTo(text);
  }

  @Test
  void bytesWithoutSecretsAreReturnedAsTheyAre() {
    byte[] payload = "not json at all".getBytes(StandardCharsets.UTF_8);

    assertThat(policy.redactBytes(payload)).isSameAs(payload);
  }

  @Test
  void jsonWithoutSecretsIsReturnedAsItIs() {
    byte[] payload = "{\"database_id\":\"db-1\",\"port\":5432}".getBytes(StandardCharsets.UTF_8);

    assertThat(policy.redactBytes(payload)).isSameAs(payload);
  }

  @Test
  void containsSecretSeesASealedValue() {
    assertThat(policy.containsSecret("x " + SEALED)).isTrue();
  }

  @Test
  void theDescriptionOfTheSealedFormatIsNotASecret() {
    String message = "$.password: does not match the regex pattern ^neo-enc:v1:[A-Za-z0-9_.-]{1,64}:[A-Za-z0-9_-]{16,}$";

    assertThat(policy.redactText(message)).isEqualTo(message);
  }

  @Test
  void containsSecretIgnoresOrdinaryText() {
    assertThat(policy.containsSecret("database db-1 registered")).isFalse();
  }

  @Test
  void aHeaderUnderASecretNameIsReplacedWhole() {
    assertThat(new String(policy.redactHeader("Authorization", "anything".getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8)).isEqualTo(RedactionPolicy.REDACTED);
  }

  @Test
  void aHeaderCarryingATokenUnderAnOrdinaryNameLosesTheToken() {
    assertThat(new String(policy.redactHeader("x-forwarded", ("Bearer " + JWT).getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8)).doesNotContain(JWT);
  }

  @Test
  void anOrdinaryHeaderIsCopiedAsItIs() {
    byte[] value = "database.created".getBytes(StandardCharsets.UTF_8);

    assertThat(policy.redactHeader("ce_type", value)).isSameAs(value);
  }
}
