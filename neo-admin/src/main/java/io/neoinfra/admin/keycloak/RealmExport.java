package io.neoinfra.admin.keycloak;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Writes a {@link RealmDefinition} as a Keycloak realm import file (JSON), stable byte for byte. */
public final class RealmExport {

  private RealmExport() {}

  public static String toJson(RealmDefinition definition) {
    ObjectMapper mapper = new ObjectMapper()
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    try {
      return mapper.writeValueAsString(RealmRepresentations.export(definition)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the realm export", e);
    }
  }
}
