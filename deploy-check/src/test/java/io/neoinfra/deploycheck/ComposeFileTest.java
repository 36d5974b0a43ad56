package io.neoinfra.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be started here (no Docker engine): these tests check what can be checked without one,
 * against the code: mounted files, image names, variables and arguments the services really read, ports.
 */
class ComposeFileTest {

  /** What an operator exports before `docker compose up` (README); the rest has defaults in the file. */
  /** What the operator exports before `docker compose up`: nothing is required any more (keysets are files). */
  private static final Map<String, String> OPERATOR_ENV = Map.of();

  private final JsonNode compose = Repo.yaml("docker-compose.yml");
  private final JsonNode services = compose.path("services");

  @Test
  void definesThePlatformAndItsSurroundings() {
    assertThat(names(services)).containsAll(List.of("kafka", "postgres", "keycloak", "prometheus", "grafana",
        "rest-gateway", "migration-processor", "migration-worker"));
    assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
    assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
        .isEqualTo("broker,controller");
  }

  @Test
  void conformsToTheComposeSpecificationSchema() {
    assertThat(composeSpecErrors(compose)).isEmpty();
  }

  @Test
  void theComposeSchemaRejectsAMisspelledKey() {
    ObjectNode broken = compose.deepCopy();
    ((ObjectNode) broken.path("services").path("kafka")).put("enviroment", "KAFKA_NODE_ID=1");

    assertThat(composeSpecErrors(broken)).anyMatch(m -> m.contains("enviroment"));
  }

  @Test
  void usesOnlyTheInterpolationComposeUnderstands() {
    // ${NAME}, ${NAME:-default}, ${NAME:?message}, $$ for a literal dollar; anything else after '$' is an error.
    String text = Repo.text("docker-compose.yml").replaceAll("(?m)^\\s*#.*$", "");
    var bad = java.util.regex.Pattern.compile("\\$(?!\\$|\\{\\w+(:?[-?][^}$]*)?}|\\w)").matcher(
        text.replace("$$", ""));
    List<String> found = new ArrayList<>();
    while (bad.find()) {
      found.add(text.substring(Math.max(0, bad.start() - 30), Math.min(text.length(), bad.end() + 30)));
    }

    assertThat(found).isEmpty();
  }

  @Test
  void everyMountedFileExistsInTheCheckout() {
    List<String> missing = new ArrayList<>();
    int mounts = 0;
    for (var service : fields(services).entrySet()) {
      for (JsonNode volume : service.getValue().path("volumes")) {
        String source = volume.asText().split(":")[0];
        if (source.startsWith(".")) {
          mounts++;
          if (!Files.exists(Repo.root().resolve(source).normalize())) {
            missing.add(service.getKey() + ": " + source);
          }
        }
      }
    }

    assertThat(mounts).isGreaterThanOrEqualTo(6);
    assertThat(missing).isEmpty();
  }

  @Test
  void namedVolumesAndDependenciesAreDeclared() {
    Set<String> volumes = names(compose.path("volumes"));
    List<String> problems = new ArrayList<>();
    for (var service : fields(services).entrySet()) {
      for (JsonNode volume : service.getValue().path("volumes")) {
        String source = volume.asText().split(":")[0];
        if (!source.startsWith(".") && !source.startsWith("/") && !volumes.contains(source)) {
          problems.add(service.getKey() + " mounts undeclared volume " + source);
        }
      }
      for (String dependency : dependencies(service.getValue())) {
        if (!services.has(dependency)) {
          problems.add(service.getKey() + " depends on unknown service " + dependency);
        }
      }
    }

    assertThat(problems).isEmpty();
  }

  @Test
  void serviceImagesAreTheOnesJibBuilds() {
    for (String module : List.of("rest-gateway", "migration-processor", "migration-worker")) {
      assertThat(image(module)).as(module).isEqualTo(Images.of(module));
    }
    assertThat(image("neo-events")).isEqualTo(Images.of("event-producer"));
  }

  @Test
  void workerVariablesAreReadByWorkerSettingsAndMakeValidSettings() {
    Map<String, String> env = environment("migration-worker");
    Set<String> read = ServiceSettings.workerVariables();

    assertThat(env.keySet().stream().filter(k -> k.startsWith("NEO_")).filter(k -> !read.contains(k))
        .filter(k -> !ServiceSettings.isKafkaVariable(k)).toList())
        .as("variables WorkerSettings never reads").isEmpty();
    // The keyset is read from the mounted private folder (ServiceSettings.worker stands a fresh keyset in for it).
    String mounted = mountTarget("migration-worker", "./deploy/credentials/private");
    assertThat(env.get("NEO_CREDENTIAL_PRIVATE_KEYSET")).isEqualTo(mounted + "/credentials-private.json");
    var settings = ServiceSettings.worker(env);
    assertThat(settings.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(settings.credentials().privateKeyset()).isPresent();
    assertThat(settings.bundleLocation()).isEqualTo("filesystem:/opt/neo/migrations");
    assertThat(mountTarget("migration-worker", "./dev-stack/src/main/resources/demo-bundle"))
        .isEqualTo("/opt/neo/migrations");
  }

  @Test
  void processorArgumentsAreProcessorSettingsAndMakeValidSettings() {
    List<String> arguments = new ArrayList<>();
    services.path("migration-processor").path("command").forEach(a -> arguments.add(a.asText()));

    assertThat(ServiceSettings.unknownProcessorArguments(arguments)).isEmpty();
    var settings = ServiceSettings.processor(arguments, environment("migration-processor"));
    assertThat(settings.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(services.path("migration-processor").path("tmpfs").get(0).asText())
        .isEqualTo(settings.stateDir().toString());
    assertThat(environment("migration-processor").keySet()).containsExactlyInAnyOrder(
        ServiceSettings.ASSUMED_PROCESSOR_METRICS_PORT, "NEO_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void gatewayVariablesBindToGatewaySettings() {
    Map<String, String> env = environment("rest-gateway");

    assertThat(ServiceSettings.unknownGatewayVariables(env.keySet())).isEmpty();
    assertThat(env).containsKeys("NEO_KAFKA_BOOTSTRAP_SERVERS", "NEO_GATEWAY_SECURITY_ISSUER_URI",
        "NEO_CREDENTIAL_PUBLIC_KEYSET");
    assertThat(ServiceSettings.gatewayVariables()).contains("NEO_CREDENTIAL_PUBLIC_KEYSET");
    assertThat(env.get("NEO_CREDENTIAL_PUBLIC_KEYSET"))
        .isEqualTo(mountTarget("rest-gateway", "./deploy/credentials/public") + "/credentials-public.json");
    // The issuer the tokens carry is the one Keycloak is told to be (KC_HOSTNAME), under the realm of the import.
    String realm = Repo.json(Repo.file("deploy/keycloak/neo-realm.json")).path("realm").asText();
    String hostname = environment("keycloak").get("KC_HOSTNAME");
    assertThat(env.get("NEO_GATEWAY_SECURITY_ISSUER_URI")).isEqualTo(hostname + "/realms/" + realm);
  }

  @Test
  void onlyTheWorkerMountsThePrivateKeyset() {
    List<String> mountingPrivate = new ArrayList<>();
    for (var service : fields(services).entrySet()) {
      for (JsonNode volume : service.getValue().path("volumes")) {
        if (volume.asText().startsWith("./deploy/credentials/private")) {
          mountingPrivate.add(service.getKey());
        }
      }
    }

    assertThat(mountingPrivate).containsExactly("migration-worker");
  }

  @Test
  void keycloakImportsTheGeneratedRealmWithEveryClientSecretSupplied() {
    String realmFile = Repo.text("deploy/keycloak/neo-realm.json");
    Set<String> placeholders = new TreeSet<>();
    var m = java.util.regex.Pattern.compile("\\$\\{(\\w+):").matcher(realmFile);
    while (m.find()) {
      placeholders.add(m.group(1));
    }

    assertThat(mountTarget("keycloak", "./deploy/keycloak/neo-realm.json"))
        .startsWith("/opt/keycloak/data/import/");
    assertThat(services.path("keycloak").path("command").toString()).contains("--import-realm");
    assertThat(placeholders).isNotEmpty();
    assertThat(environment("keycloak").keySet()).containsAll(placeholders);
  }

  @Test
  void prometheusScrapesEachServiceWhereItListens() {
    Map<String, String> targets = new TreeMap<>();
    Map<String, String> paths = new TreeMap<>();
    for (JsonNode job : Repo.yaml("deploy/prometheus/prometheus.yml").path("scrape_configs")) {
      targets.put(job.path("job_name").asText(), job.path("static_configs").get(0).path("targets").get(0).asText());
      paths.put(job.path("job_name").asText(), job.path("metrics_path").asText("/metrics"));
    }
    Map<String, String> worker = environment("migration-worker");

    assertThat(targets).containsEntry("rest-gateway", "rest-gateway:"
            + environment("rest-gateway").get("MANAGEMENT_SERVER_PORT"))
        .containsEntry("migration-worker", "migration-worker:" + worker.get("NEO_WORKER_METRICS_PORT"))
        .containsEntry("migration-processor", "migration-processor:"
            + environment("migration-processor").get(ServiceSettings.ASSUMED_PROCESSOR_METRICS_PORT));
    assertThat(ServiceSettings.worker(worker).metricsPort())
        .isEqualTo(Integer.parseInt(worker.get("NEO_WORKER_METRICS_PORT")));
    assertThat(paths).containsEntry("rest-gateway", "/actuator/prometheus")
        .containsEntry("migration-worker", "/metrics").containsEntry("migration-processor", "/metrics");
    assertThat(mountTarget("prometheus", "./deploy/prometheus/alerts.yml")).isEqualTo("/etc/prometheus/alerts.yml");
    assertThat(mountTarget("prometheus", "./deploy/prometheus/prometheus.yml"))
        .isEqualTo("/etc/prometheus/prometheus.yml");
  }

  @Test
  void prometheusScrapesTheGatewaysManagementPortWithoutACredential() {
    JsonNode gatewayJob = null;
    for (JsonNode job : Repo.yaml("deploy/prometheus/prometheus.yml").path("scrape_configs")) {
      if (job.path("job_name").asText().equals("rest-gateway")) {
        gatewayJob = job;
      }
    }
    Map<String, String> gateway = environment("rest-gateway");
    String management = gateway.get("MANAGEMENT_SERVER_PORT");

    assertThat(gatewayJob).isNotNull();
    for (String credential : List.of("oauth2", "authorization", "basic_auth", "bearer_token_file")) {
      assertThat(gatewayJob.has(credential)).as(credential).isFalse();
    }
    assertThat(management).isNotEqualTo(gateway.get("SERVER_PORT"));
    assertThat(Repo.text("rest-gateway/src/main/resources/rest-gateway.properties"))
        .as("the gateway's own default").contains("management.server.port=" + management);
    assertThat(services.path("rest-gateway").path("expose").toString()).contains(management);
    assertThat(services.path("rest-gateway").path("ports").toString()).as("not published to the host")
        .doesNotContain(management);
    assertThat(services.path("prometheus").has("entrypoint")).as("no token to fetch").isFalse();
  }

  @Test
  void grafanaGetsTheProvisioningAndTheDashboardsWhereTheProviderLooks() {
    String dashboards = Repo.yaml("deploy/grafana/provisioning/dashboards/neo.yml")
        .path("providers").get(0).path("options").path("path").asText();
    String datasource = Repo.yaml("deploy/grafana/provisioning/datasources/prometheus.yml")
        .path("datasources").get(0).path("url").asText();

    assertThat(mountTarget("grafana", "./deploy/grafana/dashboards")).isEqualTo(dashboards);
    assertThat(mountTarget("grafana", "./deploy/grafana/provisioning")).isEqualTo("/etc/grafana/provisioning");
    assertThat(datasource).isEqualTo("http://prometheus:" + services.path("prometheus").path("ports").get(0)
        .asText().split(":")[1]);
  }

  /**
   * Violations of the Compose Specification's JSON Schema (compose-spec/compose-spec, schema/compose-spec.json at
   * 170098ba07d9f53c383a41bfd4c5166b0a4529a6, Apache-2.0), the schema Docker Compose itself validates with.
   */
  private static List<String> composeSpecErrors(JsonNode document) {
    try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose-spec.json")) {
      ObjectNode schema = (ObjectNode) Repo.JSON.readTree(in);
      schema.remove("$id"); // a bare file name, which the validator refuses as a base URI; refs are all local
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema).validate(document).stream()
          .map(ValidationMessage::getMessage).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String image(String service) {
    return ServiceSettings.interpolate(services.path(service).path("image").asText(), OPERATOR_ENV);
  }

  private Map<String, String> environment(String service) {
    Map<String, String> env = new LinkedHashMap<>();
    fields(services.path(service).path("environment"))
        .forEach((k, v) -> env.put(k, ServiceSettings.interpolate(v.asText(), OPERATOR_ENV)));
    return env;
  }

  private String mountTarget(String service, String source) {
    for (JsonNode volume : services.path(service).path("volumes")) {
      String[] parts = volume.asText().split(":");
      if (parts[0].equals(source)) {
        return parts[1];
      }
    }
    throw new AssertionError(service + " does not mount " + source);
  }

  private static Set<String> dependencies(JsonNode service) {
    JsonNode dependsOn = service.path("depends_on");
    Set<String> names = new TreeSet<>();
    if (dependsOn.isArray()) {
      dependsOn.forEach(d -> names.add(d.asText()));
    } else {
      names.addAll(names(dependsOn));
    }
    return names;
  }

  private static Set<String> names(JsonNode object) {
    return fields(object).keySet();
  }

  private static Map<String, JsonNode> fields(JsonNode object) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
    return fields;
  }

}
