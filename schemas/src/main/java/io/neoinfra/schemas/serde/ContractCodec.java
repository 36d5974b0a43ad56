package io.neoinfra.schemas.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.schemas.connection.ConnectionFieldErrors;
import io.neoinfra.schemas.validation.Contract;
import io.neoinfra.schemas.validation.ContractValidator;
import io.neoinfra.schemas.validation.FieldError;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes one contract's records as JSON, checking the JSON Schema on the way in (and, optionally, out).
 * Reading never throws: bad input comes back as {@link Decoded.Invalid} with the reason.
 */
public final class ContractCodec<T> {

  /** Larger payloads are refused before parsing; Kafka's default message limit is 1 MiB. */
  public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
  /**
   * Execution views list every target (about 600 bytes each), so a fleet of thousands needs more than 1 MiB: the
   * processor writes them to a topic that allows this much, and every reader must accept as much.
   */
  public static final int MAX_EXECUTION_VIEW_BYTES = 8 * 1024 * 1024;

  private final Class<T> type;
  private final Contract contract;
  private final ObjectMapper mapper;
  private final ContractValidator validator;
  private final boolean validateOnWrite;
  private final int maxPayloadBytes;

  public ContractCodec(Class<T> type, Contract contract, ObjectMapper mapper, ContractValidator validator,
      boolean validateOnWrite) {
    this(type, contract, mapper, validator, validateOnWrite, MAX_PAYLOAD_BYTES);
  }

  public ContractCodec(Class<T> type, Contract contract, ObjectMapper mapper, ContractValidator validator,
      boolean validateOnWrite, int maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
    this.type = Objects.requireNonNull(type);
    this.contract = Objects.requireNonNull(contract);
    this.mapper = Objects.requireNonNull(mapper);
    this.validator = Objects.requireNonNull(validator);
    this.validateOnWrite = validateOnWrite;
  }

  public Contract contract() {
    return contract;
  }

  public byte[] write(T value) {
    JsonNode tree = mapper.valueToTree(value);
    if (validateOnWrite) {
      List<FieldError> errors = validator.validate(contract, tree);
      if (!errors.isEmpty()) {
        throw new InvalidRecordException(DecodeFailure.SCHEMA_VIOLATION, contract.schemaName() + " is invalid", errors);
      }
    }
    try {
      return mapper.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + contract.schemaName(), e);
    }
  }

  public Decoded<T> read(byte[] payload) {
    if (payload == null || payload.length == 0) {
      return new Decoded.Invalid<>(DecodeFailure.EMPTY_PAYLOAD, "empty payload", List.of());
    }
    if (payload.length > maxPayloadBytes) {
      return new Decoded.Invalid<>(DecodeFailure.PAYLOAD_TOO_LARGE,
          "payload of " + payload.length + " bytes exceeds " + maxPayloadBytes, List.of());
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(payload);
    } catch (IOException e) {
      return new Decoded.Invalid<>(DecodeFailure.MALFORMED_JSON, describe(e), List.of());
    }
    return readTree(tree);
  }

  public Decoded<T> readTree(JsonNode tree) {
    if (tree == null || tree.isMissingNode()) {
      return new Decoded.Invalid<>(DecodeFailure.MALFORMED_JSON, "no JSON value", List.of());
    }
    List<FieldError> errors = validator.validate(contract, tree);
    if (!errors.isEmpty()) {
      DecodeFailure reason = ConnectionFieldErrors.onlyConnectionFields(errors)
          ? DecodeFailure.INVALID_CONNECTION : DecodeFailure.SCHEMA_VIOLATION;
      return new Decoded.Invalid<>(reason, contract.schemaName() + " is invalid", errors);
    }
    try {
      return new Decoded.Valid<>(mapper.treeToValue(tree, type));
    } catch (IOException | IllegalArgumentException e) {
      return new Decoded.Invalid<>(DecodeFailure.UNBINDABLE, describe(e), List.of());
    }
  }

  // Jackson messages quote the source; the location alone is enough and never echoes a value that may be secret.
  private static String describe(Exception e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
      return "malformed JSON at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr()
          + ": " + jpe.getOriginalMessage().replaceAll("'[^']*'", "'…'");
    }
    return e.getClass().getSimpleName();
  }
}
