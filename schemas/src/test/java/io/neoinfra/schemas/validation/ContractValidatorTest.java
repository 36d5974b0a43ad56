package io.neoinfra.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.schemas.serde.NeoJson;
import org.junit.jupiter.api.Test;

class ContractValidatorTest {

  private final ObjectMapper mapper = NeoJson.newMapper();
  private final ContractValidator validator = new ContractValidator();

  @Test
  void reportsEveryBrokenFieldNotJustTheFirst() throws Exception {
    var errors = validator.validate(Contract.DATABASE_CREATED,
        mapper.readTree("{\"database_id\":\"db-1\",\"port\":\"5432\",\"connection_type\":\"primary\"}"));

    assertThat(errors).extracting(FieldError::field)
        .contains("$.database_name", "$.username", "$.port", "$.connection_type");
  }

  @Test
  void namesTheFieldAndTheRule() throws Exception {
    var errors = validator.validate(Contract.DATABASE_DELETED, mapper.readTree("{}"));

    assertThat(errors).containsExactly(new FieldError("$.database_id", "required",
        "$: required property 'database_id' not found"));
  }

  @Test
  void dropsTheNullAlternativeOfAnOptionalFieldWhenItsRuleIsBroken() throws Exception {
    var errors = validator.validate(Contract.DATABASE_CREATED, mapper.readTree(
        "{\"database_id\":\"d\",\"database_name\":\"d\",\"connection_type\":\"admin\",\"username\":\"u\",\"port\":\"x\"}"));

    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo("$.port");
      assertThat(e.message()).contains("integer expected");
    });
  }

  @Test
  void neverEchoesTheValueOfARefusedPassword() throws Exception {
    var errors = validator.validate(Contract.DATABASE_CREATED, mapper.readTree(
        "{\"database_id\":\"d\",\"database_name\":\"d\",\"connection_type\":\"admin\",\"username\":\"u\","
            + "\"password\":\"correct-horse-battery-staple\"}"));

    assertThat(errors).extracting(FieldError::field).containsExactly("$.password");
    assertThat(errors.toString()).doesNotContain("correct-horse-battery-staple");
  }

  @Test
  void requiresADatabaseIdForATenantWithItsOwnDatabase() throws Exception {
    var errors = validator.validate(Contract.TENANT_CREATED,
        mapper.readTree("{\"tenant_id\":\"acme\",\"region\":\"eu-west\",\"isolation\":\"database\"}"));

    assertThat(errors).extracting(FieldError::field).contains("$.database_id");
  }
}
