package io.neoinfra.gateway.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.validation.FieldError;
import java.io.IOException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads a request body against its JSON Schema and reports every field error at once (types, enums, missing and
 * unknown fields), which binding with Jackson alone cannot: it stops at the first. The schemas reuse the shared
 * contract definitions (identifiers, regions, versions), so what passes here also passes the event's schema.
 */
@Component
public final class RequestBodies {

  private static final String CONTRACT_BASE = "https://schemas.neoinfra.io/";
  private static final int MAX_BODY_BYTES = 256 * 1024;

  private final ObjectMapper mapper = NeoJson.newMapper();
  private final Map<RequestSchema, JsonSchema> schemas = new EnumMap<>(RequestSchema.class);

  public RequestBodies() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
        builder -> builder.schemaMappers(m -> m.mapPrefix(CONTRACT_BASE, "classpath:io/neoinfra/schemas/json/")));
    for (RequestSchema schema : RequestSchema.values()) {
      JsonSchema loaded = factory.getSchema(SchemaLocation.of(schema.location()));
      loaded.initializeValidators();
      schemas.put(schema, loaded);
    }
  }

  /** The body bound to {@code type}, or 400 (not JSON) / 422 (every field error). An empty body reads as {@code {}}. */
  public <T> T read(byte[] body, RequestSchema schema, Class<T> type) {
    JsonNode tree = parse(body);
    List<FieldError> errors = schemas.get(schema).validate(tree).stream()
        .map(RequestBodies::toFieldError)
        .distinct()
        .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::rule))
        .toList();
    // "x or null" alternatives add a "null expected" line to every real error of an optional field: drop it.
    List<FieldError> useful = errors.stream()
        .filter(e -> !(e.message().endsWith("null expected")
            && errors.stream().anyMatch(o -> o != e && o.field().equals(e.field()))))
        .toList();
    if (!useful.isEmpty()) {
      throw new InvalidRequestException(useful);
    }
    try {
      return mapper.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw InvalidRequestException.of("$", "type", "cannot be read as " + type.getSimpleName());
    }
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return mapper.createObjectNode();
    }
    if (body.length > MAX_BODY_BYTES) {
      throw InvalidRequestException.of("$", "maxLength", "body larger than " + MAX_BODY_BYTES + " bytes");
    }
    try {
      JsonNode tree = mapper.readTree(body);
      return tree == null || tree.isMissingNode() ? mapper.createObjectNode() : tree;
    } catch (IOException e) {
      // The parser's message quotes the input, which may hold a password: say only where it broke.
      String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
          ? " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr() : "";
      throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "the body is not valid JSON" + where);
    }
  }

  private static FieldError toFieldError(ValidationMessage message) {
    String field = message.getInstanceLocation().toString();
    String type = message.getType();
    if (("required".equals(type) || "additionalProperties".equals(type)) && message.getProperty() != null) {
      field = field + "." + message.getProperty();
    }
    return new FieldError(field, type, message.getMessage());
  }
}
