package io.neoinfra.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.schemas.serde.NeoJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every contract ships valid and invalid examples (src/test/resources/examples/<schema>/); each is checked here. */
class ContractExamplesTest {

  private static final ObjectMapper MAPPER = NeoJson.newMapper();
  private static final ContractValidator VALIDATOR = new ContractValidator();

  static Stream<Arguments> validExamples() throws IOException {
    return examples("valid-");
  }

  static Stream<Arguments> invalidExamples() throws IOException {
    return examples("invalid-");
  }

  @Test
  void everyContractHasAValidAndAnInvalidExample() throws IOException {
    for (Contract contract : Contract.values()) {
      Path dir = examplesRoot().resolve(contract.schemaName());
      try (Stream<Path> files = Files.list(dir)) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertThat(names).as(contract.name()).anyMatch(n -> n.startsWith("valid-")).anyMatch(n -> n.startsWith("invalid-"));
      }
    }
  }

  @ParameterizedTest(name = "{0}/{1} is valid")
  @MethodSource("validExamples")
  void validExampleSatisfiesItsSchema(Contract contract, String file, JsonNode example) {
    assertThat(VALIDATOR.validate(contract, example)).isEmpty();
  }

  @ParameterizedTest(name = "{0}/{1} is refused")
  @MethodSource("invalidExamples")
  void invalidExampleIsRefusedWithAnErrorForEveryBrokenField(Contract contract, String file, JsonNode example) {
    List<FieldError> errors = VALIDATOR.validate(contract, example.get("instance"));

    List<String> expected = MAPPER.convertValue(example.get("expected_error_fields"), List.class);
    assertThat(errors).extracting(FieldError::field).containsAll(expected);
    assertThat(errors).allSatisfy(e -> assertThat(e.message()).isNotBlank());
  }

  private static Stream<Arguments> examples(String prefix) throws IOException {
    Path root = examplesRoot();
    return Arrays.stream(Contract.values()).flatMap(contract -> {
      try (Stream<Path> files = Files.list(root.resolve(contract.schemaName()))) {
        return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList().stream()
            .map(p -> Arguments.of(contract, p.getFileName().toString(), read(p)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  static JsonNode read(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path examplesRoot() {
    try {
      return Path.of(ContractExamplesTest.class.getResource("/examples").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
