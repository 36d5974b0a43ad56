package io.neoinfra.schemas.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates JSON against the contracts' JSON Schemas (draft 2020-12), loaded once from the classpath. Thread-safe.
 */
public final class ContractValidator {

  static final String SCHEMA_BASE_URI = "https://schemas.neoinfra.io/";
  private static final String CLASSPATH_BASE = "classpath:io/neoinfra/schemas/json/";

  private final Map<Contract, JsonSchema> schemas = new EnumMap<>(Contract.class);

  public ContractValidator() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
        builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE_URI, CLASSPATH_BASE)));
    for (Contract contract : Contract.values()) {
      JsonSchema schema = factory.getSchema(SchemaLocation.of(SCHEMA_BASE_URI + contract.schemaName() + ".schema.json"));
      schema.initializeValidators();
      schemas.put(contract, schema);
    }
  }

  /** Every broken rule, in document order; empty when valid. */
  public List<FieldError> validate(Contract contract, JsonNode json) {
    Set<ValidationMessage> messages = schemas.get(contract).validate(json);
    List<FieldError> errors = messages.stream()
        .map(ContractValidator::toFieldError)
        .distinct()
        .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::rule))
        .toList();
    // Optional fields are "<rule> or null": when the value breaks the rule, the "null expected" half of the anyOf
    // only adds noise, so it is dropped whenever the same field has another error.
    return errors.stream()
        .filter(e -> !(e.message().endsWith("null expected")
            && errors.stream().anyMatch(o -> o != e && o.field().equals(e.field()))))
        .toList();
  }

  /** Throws {@link ContractViolationException} with every field error unless {@code json} is valid. */
  public void requireValid(Contract contract, JsonNode json) {
    List<FieldError> errors = validate(contract, json);
    if (!errors.isEmpty()) {
      throw new ContractViolationException(contract.schemaName(), errors);
    }
  }

  private static FieldError toFieldError(ValidationMessage message) {
    String field = message.getInstanceLocation().toString();
    if ("required".equals(message.getType()) && message.getProperty() != null) {
      field = field + "." + message.getProperty();
    }
    if ("additionalProperties".equals(message.getType()) && message.getProperty() != null) {
      field = field + "." + message.getProperty();
    }
    return new FieldError(field, message.getType(), message.getMessage());
  }
}
