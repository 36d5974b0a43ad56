package io.neoinfra.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoinfra.processor.ProcessorSettings;
import io.neoinfra.processor.TopicSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest under k8s/ is valid against the Kubernetes API schema (KubernetesSchema) and consistent with the
 * others and with the code: selectors, ports, referenced ConfigMaps and Secrets, images, variables, topics.
 */
class KubernetesManifestsTest {

  record Manifest(Path file, JsonNode body) {
    String kind() {
      return body.path("kind").asText();
    }

    String name() {
      return body.path("metadata").path("name").asText();
    }

    JsonNode podTemplate() {
      return body.path("spec").path("template");
    }

    @Override
    public String toString() {
      return file.getFileName() + " " + kind() + "/" + name();
    }
  }

  static List<Manifest> manifests() {
    List<Manifest> all = new ArrayList<>();
    for (Path file : Repo.files("k8s", ".yaml")) {
      Repo.yamlDocuments(file).forEach(doc -> all.add(new Manifest(file, doc)));
    }
    return all;
  }

  static Stream<Manifest> everyManifest() {
    return manifests().stream();
  }

  private final List<Manifest> manifests = manifests();

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyManifest")
  void isValidAgainstTheKubernetesApiSchema(Manifest manifest) {
    KubernetesSchema.validate(manifest.body());
  }

  @Test
  void theValidatorRejectsUnknownFieldsMissingRequiredOnesAndWrongTypes() {
    ObjectNode deployment = (ObjectNode) find("Deployment", "migration-worker").body().deepCopy();
    ((ObjectNode) deployment.path("spec")).put("replica", 3);
    ObjectNode noSelector = (ObjectNode) find("Deployment", "migration-worker").body().deepCopy();
    ((ObjectNode) noSelector.path("spec")).remove("selector");
    ObjectNode badPort = (ObjectNode) find("Service", "migration-worker").body().deepCopy();
    ((ObjectNode) badPort.path("spec").path("ports").get(0)).put("port", "not-a-number");
    ObjectNode nestedTypo = (ObjectNode) find("Deployment", "migration-worker").body().deepCopy();
    ((ObjectNode) nestedTypo.path("spec").path("template").path("spec").path("containers").get(0))
        .putObject("livenesProbe");

    assertThatThrownBy(() -> KubernetesSchema.validate(deployment)).hasMessageContaining("replica");
    assertThatThrownBy(() -> KubernetesSchema.validate(noSelector)).hasMessageContaining("selector");
    assertThatThrownBy(() -> KubernetesSchema.validate(badPort)).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> KubernetesSchema.validate(nestedTypo)).hasMessageContaining("livenesProbe");
  }

  @Test
  void definesWhatTheIssueAsksFor() {
    Set<String> present = new TreeSet<>();
    manifests.forEach(m -> present.add(m.kind() + "/" + m.name()));

    assertThat(present).contains("Deployment/rest-gateway", "Deployment/rest-gateway-canary",
        "StatefulSet/migration-processor", "Deployment/migration-worker", "Service/rest-gateway",
        "Service/migration-processor", "Service/migration-worker", "ConfigMap/neo-config", "Secret/neo-credentials",
        "HorizontalPodAutoscaler/migration-worker", "PodDisruptionBudget/rest-gateway",
        "PodDisruptionBudget/migration-processor", "PodDisruptionBudget/migration-worker", "Job/neo-topics");
    assertThat(find("StatefulSet", "migration-processor").body().path("spec").path("volumeClaimTemplates"))
        .isNotEmpty();
  }

  @Test
  void workloadSelectorsMatchTheirPodTemplates() {
    for (Manifest workload : workloads()) {
      if (workload.kind().equals("Job")) {
        continue;
      }
      Map<String, String> selector = strings(workload.body().path("spec").path("selector").path("matchLabels"));
      Map<String, String> labels = strings(workload.podTemplate().path("metadata").path("labels"));

      assertThat(labels).as(workload.toString()).containsAllEntriesOf(selector);
    }
  }

  @Test
  void servicesAndDisruptionBudgetsSelectExistingPods() {
    for (Manifest m : manifests) {
      Map<String, String> selector = switch (m.kind()) {
        case "Service" -> strings(m.body().path("spec").path("selector"));
        case "PodDisruptionBudget" -> strings(m.body().path("spec").path("selector").path("matchLabels"));
        default -> null;
      };
      if (selector != null) {
        assertThat(selector).as(m.toString()).isNotEmpty();
        assertThat(workloads()).as(m + " selects no pod")
            .anyMatch(w -> strings(w.podTemplate().path("metadata").path("labels")).entrySet()
                .containsAll(selector.entrySet()));
      }
    }
  }

  @Test
  void theCanaryIsServedByTheGatewayServiceButNotCountedInTheStableBudget() {
    Map<String, String> service = strings(find("Service", "rest-gateway").body().path("spec").path("selector"));
    Map<String, String> canary = strings(find("Deployment", "rest-gateway-canary").podTemplate()
        .path("metadata").path("labels"));
    Map<String, String> budget = strings(find("PodDisruptionBudget", "rest-gateway").body().path("spec")
        .path("selector").path("matchLabels"));

    assertThat(canary.entrySet()).containsAll(service.entrySet());
    assertThat(canary.entrySet().containsAll(budget.entrySet())).isFalse();
  }

  @Test
  void probesAndServicePortsUseDeclaredContainerPorts() {
    List<String> problems = new ArrayList<>();
    for (Manifest workload : workloads()) {
      for (JsonNode container : workload.podTemplate().path("spec").path("containers")) {
        Set<String> ports = new TreeSet<>();
        container.path("ports").forEach(p -> {
          ports.add(p.path("containerPort").asText());
          ports.add(p.path("name").asText());
        });
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
          JsonNode http = container.path(probe).path("httpGet");
          if (!http.isMissingNode() && !ports.contains(http.path("port").asText())) {
            problems.add(workload + " " + probe + " uses undeclared port " + http.path("port").asText());
          }
        }
      }
    }
    for (Manifest service : of("Service")) {
      Map<String, String> selector = strings(service.body().path("spec").path("selector"));
      for (JsonNode port : service.body().path("spec").path("ports")) {
        String target = port.path("targetPort").asText();
        boolean declared = workloads().stream()
            .filter(w -> strings(w.podTemplate().path("metadata").path("labels")).entrySet()
                .containsAll(selector.entrySet()))
            .flatMap(w -> stream(w.podTemplate().path("spec").path("containers")))
            .flatMap(c -> stream(c.path("ports")))
            .anyMatch(p -> p.path("name").asText().equals(target) || p.path("containerPort").asText().equals(target));
        if (!declared) {
          problems.add(service + " targets undeclared port " + target);
        }
      }
    }

    assertThat(problems).isEmpty();
  }

  @Test
  void healthProbesUseEachServicesHealthEndpoint() {
    Map<String, Set<String>> paths = new TreeMap<>();
    for (Manifest workload : workloads()) {
      for (JsonNode container : workload.podTemplate().path("spec").path("containers")) {
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
          String path = container.path(probe).path("httpGet").path("path").asText(null);
          if (path != null) {
            paths.computeIfAbsent(container.path("name").asText(), k -> new TreeSet<>()).add(path);
          }
        }
      }
    }

    assertThat(paths).containsEntry("rest-gateway",
            Set.of("/actuator/health/liveness", "/actuator/health/readiness"))
        .containsEntry("migration-worker", Set.of("/health"))
        .containsEntry("migration-processor", Set.of("/health"));
  }

  @Test
  void gatewayProbesAndScrapesUseTheManagementPort() {
    String propertiesDefault = Repo.text("rest-gateway/src/main/resources/rest-gateway.properties").lines()
        .filter(l -> l.startsWith("management.server.port=")).findFirst().orElseThrow().split("=", 2)[1];
    for (Manifest workload : workloads()) {
      JsonNode template = workload.podTemplate();
      for (JsonNode container : template.path("spec").path("containers")) {
        if (!container.path("name").asText().equals("rest-gateway")) {
          continue;
        }
        Map<String, String> env = new TreeMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        Map<String, String> ports = new TreeMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asText()));

        assertThat(env.get("MANAGEMENT_SERVER_PORT")).as(workload.toString()).isEqualTo(propertiesDefault)
            .isNotEqualTo(env.get("SERVER_PORT"));
        assertThat(ports).as(workload.toString()).containsEntry("management", env.get("MANAGEMENT_SERVER_PORT"))
            .containsEntry("http", env.get("SERVER_PORT"));
        assertThat(template.path("metadata").path("annotations").path("prometheus.io/port").asText())
            .as(workload.toString()).isEqualTo(env.get("MANAGEMENT_SERVER_PORT"));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
          assertThat(container.path(probe).path("httpGet").path("port").asText()).as(workload + " " + probe)
              .isEqualTo("management");
        }
      }
    }
  }

  @Test
  void referencedConfigMapsKeysAndSecretsAreDefined() {
    Map<String, Set<String>> configMaps = new TreeMap<>();
    Map<String, Set<String>> secrets = new TreeMap<>();
    for (Manifest m : manifests) {
      if (m.kind().equals("ConfigMap")) {
        configMaps.put(m.name(), strings(m.body().path("data")).keySet());
      } else if (m.kind().equals("Secret")) {
        secrets.put(m.name(), strings(m.body().path("stringData")).keySet());
      }
    }
    List<String> problems = new ArrayList<>();
    for (Manifest workload : workloads()) {
      for (JsonNode container : workload.podTemplate().path("spec").path("containers")) {
        for (JsonNode env : container.path("env")) {
          JsonNode cm = env.path("valueFrom").path("configMapKeyRef");
          JsonNode secret = env.path("valueFrom").path("secretKeyRef");
          if (!cm.isMissingNode() && !configMaps.getOrDefault(cm.path("name").asText(), Set.of())
              .contains(cm.path("key").asText())) {
            problems.add(workload + " reads missing ConfigMap key " + cm);
          }
          if (!secret.isMissingNode() && !secrets.getOrDefault(secret.path("name").asText(), Set.of())
              .contains(secret.path("key").asText())) {
            problems.add(workload + " reads missing Secret key " + secret);
          }
        }
      }
      for (JsonNode volume : workload.podTemplate().path("spec").path("volumes")) {
        JsonNode cm = volume.path("configMap");
        if (!cm.isMissingNode() && !cm.path("optional").asBoolean(false)
            && !configMaps.containsKey(cm.path("name").asText())) {
          problems.add(workload + " mounts missing ConfigMap " + cm.path("name").asText());
        }
      }
    }

    assertThat(problems).isEmpty();
  }

  @Test
  void secretsHoldOnlyPlaceholders() {
    for (Manifest secret : of("Secret")) {
      assertThat(secret.body().path("data").isMissingNode()).as(secret + ": use stringData placeholders").isTrue();
      strings(secret.body().path("stringData")).forEach((key, value) ->
          assertThat(value).as(secret + " " + key).contains("REPLACE_ME"));
    }
  }

  @Test
  void serviceImagesAreTheOnesJibBuilds() {
    for (Manifest workload : workloads()) {
      for (JsonNode container : workload.podTemplate().path("spec").path("containers")) {
        String image = container.path("image").asText();
        if (image.startsWith("neoinfra/")) {
          assertThat(image).as(workload.toString()).isEqualTo(Images.of(container.path("name").asText()));
        }
      }
    }
  }

  @Test
  void containerVariablesAreReadByTheServicesSettings() {
    Set<String> worker = ServiceSettings.workerVariables();
    List<String> problems = new ArrayList<>();
    for (Manifest workload : workloads()) {
      for (JsonNode container : workload.podTemplate().path("spec").path("containers")) {
        Set<String> env = new TreeSet<>();
        container.path("env").forEach(e -> env.add(e.path("name").asText()));
        switch (container.path("name").asText()) {
          case "migration-worker" -> env.stream().filter(v -> v.startsWith("NEO_") && !worker.contains(v))
              .filter(v -> !ServiceSettings.isKafkaVariable(v))
              .forEach(v -> problems.add(workload + ": the worker never reads " + v));
          case "rest-gateway" -> ServiceSettings.unknownGatewayVariables(env)
              .forEach(v -> problems.add(workload + ": no gateway setting binds " + v));
          case "migration-processor" -> {
            List<String> args = new ArrayList<>();
            container.path("args").forEach(a -> args.add(a.asText()));
            ServiceSettings.unknownProcessorArguments(args)
                .forEach(a -> problems.add(workload + ": the processor never reads " + a));
            env.stream().filter(v -> v.startsWith("NEO_") && !v.equals(ServiceSettings.ASSUMED_PROCESSOR_METRICS_PORT))
                .filter(v -> !ServiceSettings.isKafkaVariable(v))
                .forEach(v -> problems.add(workload + ": the processor reads no variable " + v));
          }
          default -> { }
        }
        // $(VAR) in args and commands is expanded by Kubernetes only when VAR is defined before in env.
        var references = Pattern.compile("\\$\\((\\w+)\\)").matcher(container.path("args").toString());
        while (references.find()) {
          if (!env.contains(references.group(1))) {
            problems.add(workload + ": $(" + references.group(1) + ") is not defined in env");
          }
        }
      }
    }

    assertThat(problems).isEmpty();
  }

  @Test
  void theTopicJobCreatesExactlyTheProcessorsTopicsWithTheirSettings() {
    ProcessorSettings defaults = ProcessorSettings.defaults("unused:9092");
    var topics = TopicSetup.topics(defaults);
    Map<String, Map<String, String>> expected = new TreeMap<>();
    topics.all().forEach(t -> expected.put(t, new TreeMap<>(TopicSetup.configOf(topics, t))));

    Map<String, Map<String, String>> defined = new TreeMap<>();
    for (String line : find("ConfigMap", "neo-topics").body().path("data").path("topics.txt").asText().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] words = line.trim().split("\\s+");
      Map<String, String> config = new TreeMap<>();
      for (int i = 1; i < words.length; i += 2) {
        assertThat(words[i]).isEqualTo("--config");
        String[] kv = words[i + 1].split("=", 2);
        config.put(kv[0], kv[1]);
      }
      defined.put(words[0], config);
    }

    assertThat(defined).isEqualTo(expected);
    assertThat(find("ConfigMap", "neo-config").body().path("data").path("topic.partitions").asInt())
        .isEqualTo(defaults.partitions());
  }

  private List<Manifest> workloads() {
    return manifests.stream().filter(m -> Set.of("Deployment", "StatefulSet", "Job").contains(m.kind())).toList();
  }

  private List<Manifest> of(String kind) {
    return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
  }

  private Manifest find(String kind, String name) {
    return manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " under k8s/"));
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }
}
