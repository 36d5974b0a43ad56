package io.neoinfra.gateway.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The operations the gateway's own OpenAPI document lists: what the matrix and injection tests walk. */
public final class OpenApiOperations {

  public record Operation(String method, String path, List<String> pathParameters, List<String> queryParameters) {
    public String key() {
      return method + " " + path;
    }
  }

  private OpenApiOperations() {}

  public static List<Operation> of(JsonNode document) {
    List<Operation> operations = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
    while (paths.hasNext()) {
      var path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
      while (methods.hasNext()) {
        var method = methods.next();
        List<String> inPath = new ArrayList<>();
        List<String> inQuery = new ArrayList<>();
        for (JsonNode p : method.getValue().path("parameters")) {
          (p.path("in").asText().equals("path") ? inPath : inQuery).add(p.path("name").asText());
        }
        operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), inPath, inQuery));
      }
    }
    return operations;
  }
}
