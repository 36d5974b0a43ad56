package io.neoinfra.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The checkout's deployment files, parsed. The root comes from Maven ({@code neo.repo.root}), or is the parent dir. */
final class Repo {

  static final ObjectMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new JsonMapper();

  private Repo() {}

  static Path root() {
    String configured = System.getProperty("neo.repo.root");
    Path root = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("..");
    return root.toAbsolutePath().normalize();
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }

  static JsonNode yaml(String relative) {
    try {
      return YAML.readTree(file(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + relative, e);
    }
  }

  static JsonNode json(Path path) {
    try {
      return JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + path, e);
    }
  }

  /** Every document of a multi-document YAML file, empty ones left out. */
  static List<JsonNode> yamlDocuments(Path path) {
    try (var parser = new YAMLFactory().createParser(path.toFile())) {
      List<JsonNode> documents = new ArrayList<>();
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + path, e);
    }
  }

  static List<Path> files(String directory, String suffix) {
    try (Stream<Path> files = Files.list(file(directory))) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  static String text(String relative) {
    try {
      return Files.readString(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + relative, e);
    }
  }
}
