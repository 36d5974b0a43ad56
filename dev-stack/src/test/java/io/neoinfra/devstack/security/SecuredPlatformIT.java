package io.neoinfra.devstack.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.neoinfra.devstack.oidc.LocalOidcIssuer;
import io.neoinfra.devstack.oidc.LocalOidcSettings;
import io.neoinfra.gateway.GatewayApplication;
import io.neoinfra.processor.MigrationProcessor;
import io.neoinfra.processor.ProcessorSettings;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.kafka.KafkaClientSettings;
import io.neoinfra.schemas.kafka.PlatformAcls;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.GatewayClient;
import io.neoinfra.testsupport.KafkaTestBroker;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.SecuredKafkaTestBroker;
import io.neoinfra.testsupport.TestDatabase;
import io.neoinfra.worker.MigrationWorker;
import io.neoinfra.worker.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform (processor, worker, gateway) on a cluster whose only client listener is SASL_SSL with
 * SCRAM-SHA-512 and whose authorizer refuses whatever no ACL allows. Each service authenticates as its own user
 * holding only the ACLs of {@link PlatformAcls} (docs/kafka-security.md), configured the one way every component
 * reads: a client properties file in {@code NEO_KAFKA_CONFIG_FILE} ({@code neo.kafka.config.file} for the gateway).
 */
class SecuredPlatformIT {

  private static final String PROCESSOR = "processor";
  private static final String WORKER = "worker";
  private static final String GATEWAY = "gateway";
  private static final String PUBLISHER = "billing-service";
  /** A worker whose operator forgot the consumer group's ACL. */
  private static final String WORKER_WITHOUT_GROUP = "worker-without-group";
  private static final LocalDatabaseServer POSTGRES = LocalDatabaseServer.postgres();

  private static SecuredKafkaTestBroker kafka;
  private static Topics topics;
  private static String workerGroup;
  private static MigrationProcessor processor;
  private static MigrationWorker worker;
  private static LocalOidcIssuer issuer;
  private static ConfigurableApplicationContext gateway;
  private static GatewayClient api;
  private static final List<TestDatabase> databases = new ArrayList<>();

  @BeforeAll
  static void startThePlatformWithOneUserPerService() throws Exception {
    kafka = SecuredKafkaTestBroker.start(Set.of(PROCESSOR, WORKER, GATEWAY, PUBLISHER, WORKER_WITHOUT_GROUP));
    String unique = KafkaTestBroker.uniqueName("secured");
    topics = new Topics(unique + ".");
    String applicationId = unique + "-processor";
    workerGroup = unique + "-workers";
    PlatformAcls acls = new PlatformAcls(topics, applicationId, workerGroup);
    try (Admin admin = kafka.superUserAdmin()) {
      List<org.apache.kafka.common.acl.AclBinding> all = new ArrayList<>();
      all.addAll(acls.processor("User:" + PROCESSOR));
      all.addAll(acls.worker("User:" + WORKER));
      all.addAll(acls.gateway("User:" + GATEWAY));
      all.addAll(acls.publisher("User:" + PUBLISHER));
      acls.worker("User:" + WORKER_WITHOUT_GROUP).stream()
          .filter(acl -> acl.pattern().resourceType() != ResourceType.GROUP).forEach(all::add);
      admin.createAcls(all).all().get(30, TimeUnit.SECONDS);
    }
    Path dataDir = Files.createTempDirectory("secured-platform");
    // The workers' key pair: the worker gets the private file, the gateway the public one.
    PrivateKeyset workerKeys = PrivateKeyset.generate();
    Path privateKeyset = dataDir.resolve("credentials-private.json");
    Path publicKeyset = dataDir.resolve("credentials-public.json");
    workerKeys.write(privateKeyset);
    workerKeys.publicKeyset().write(publicKeyset);

    processor = MigrationProcessor.start(ProcessorSettings.defaults(configFile(PROCESSOR))
        .withApplicationId(applicationId)
        .withTopicPrefix(topics.prefix())
        .withStateDir(dataDir.resolve("processor-state"))
        .withPartitions(2)
        .withMetricsPort(-1)
        .validate());

    worker = MigrationWorker.start(WorkerSettings.from(Map.of(
        "NEO_KAFKA_CONFIG_FILE", kafka.writeClientConfig(WORKER).toString(),
        "NEO_WORKER_TOPIC_PREFIX", topics.prefix(),
        "NEO_WORKER_GROUP_ID", workerGroup,
        "NEO_WORKER_BUNDLE", "classpath:demo-bundle",
        "NEO_WORKER_METRICS_PORT", "-1",
        "NEO_CREDENTIAL_PRIVATE_KEYSET", privateKeyset.toString())));

    issuer = LocalOidcIssuer.start(LocalOidcSettings.defaults(dataDir).withPort(0));
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", 0);
    properties.put("server.address", "127.0.0.1");
    properties.put("neo.kafka.config.file", kafka.writeClientConfig(GATEWAY).toString());
    properties.put("neo.gateway.kafka.topic-prefix", topics.prefix());
    properties.put("neo.gateway.security.issuer-uri", issuer.issuerUri());
    properties.put("neo.gateway.security.audiences", "neo-gateway");
    properties.put("neo.credential.public-keyset", publicKeyset.toString());
    properties.put("neo.gateway.state.topic-retry", "PT1S");
    properties.put("neo.gateway.lag.worker-group", workerGroup);
    gateway = GatewayApplication.start(properties);
    api = new GatewayClient("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"),
        () -> issuer.issueToken("neo-admin"));
  }

  @AfterAll
  static void stopThePlatform() {
    databases.forEach(TestDatabase::close);
    if (gateway != null) {
      gateway.close();
    }
    if (issuer != null) {
      issuer.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (processor != null) {
      processor.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void registersADatabaseAndMigratesItWithEveryServiceOnItsOwnUserAndAcls() throws Exception {
    TestDatabase db = POSTGRES.createDatabase("secured");
    databases.add(db);
    String id = db.databaseName().replace('_', '-');

    GatewayClient.Response created = api.post("/api/v1/databases/connections", "{\"database_id\":\"" + id
        + "\",\"database_name\":\"" + db.databaseName() + "\",\"connection_type\":\"dedicated\","
        + "\"engine\":\"postgresql\",\"host\":\"127.0.0.1\",\"port\":" + db.port() + ",\"username\":\""
        + db.username() + "\"}");

    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> completedExecutionOf(id) != null);
    assertThat(history(db)).containsExactly("1", "2", "3", "4", "5");
  }

  @Test
  void theCliPublishesWithNothingButTheKafkaVariablesOfItsEnvironment() throws Exception {
    Path event = Files.createTempFile("tenant", ".json");
    Files.writeString(event, "{\"tenant_id\":\"secured-cli\",\"region\":\"eu-west\"}");
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "io.neoinfra.producer.cli.NeoEventsCli", "publish", "--topic-prefix", topics.prefix(),
        "--type", "tenant.created", "--priority", "low", "--file", event.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("NEO_"));
    builder.environment().put("NEO_KAFKA_CONFIG_FILE", kafka.writeClientConfig(PUBLISHER).toString());
    Process cli = builder.start();
    String output = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.exitValue()).as(output).isZero();
    assertThat(output).contains(topics.lifecycle(io.neoinfra.schemas.events.Priority.LOW))
        .doesNotContain(kafka.password(PUBLISHER));
  }

  @Test
  void refusesAClientThatHoldsNoValidCredentials() {
    Map<String, Object> props = new HashMap<>(kafka.tlsClientProperties());
    props.put("security.protocol", "SASL_SSL");
    props.put("sasl.mechanism", SecuredKafkaTestBroker.MECHANISM);
    props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
        + "username=\"intruder\" password=\"guessed\";");

    try (Admin admin = Admin.create(props)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void refusesAPlaintextClient() {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", kafka.bootstrapServers());
    props.put("default.api.timeout.ms", 5_000);
    props.put("request.timeout.ms", 2_000);

    try (Admin admin = Admin.create(props)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
    }
  }

  @Test
  void refusesTheWorkerAWriteToTheLifecycleTopicsItHasNoAclFor() throws Exception {
    Map<String, Object> props = configFile(WORKER).clientProperties();
    props.put("max.block.ms", 10_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      var sent = producer.send(new ProducerRecord<>(topics.lifecycleAll().get(0), "key", "value"));

      assertThatThrownBy(() -> sent.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void refusesTheGatewayAReadOfTheTaskTopicsItHasNoAclFor() {
    Map<String, Object> props = configFile(GATEWAY).clientProperties();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(new TopicPartition(topics.tasksAll().get(0), 0)));
      consumer.seekToBeginning(consumer.assignment());

      assertThatThrownBy(() -> {
        for (int i = 0; i < 30; i++) {
          consumer.poll(Duration.ofSeconds(1));
        }
      }).isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void refusesAWorkerWhoseConsumerGroupAclIsMissing() {
    Map<String, Object> props = configFile(WORKER_WITHOUT_GROUP).clientProperties();
    props.put("group.id", workerGroup);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(topics.tasksAll());

      assertThatThrownBy(() -> {
        for (int i = 0; i < 30; i++) {
          consumer.poll(Duration.ofSeconds(1));
        }
      }).isInstanceOf(GroupAuthorizationException.class);
    }
  }

  /** The service's client settings, read from a properties file as {@code NEO_KAFKA_CONFIG_FILE} names it. */
  private static KafkaClientSettings configFile(String user) {
    return KafkaClientSettings.load(Map.of("NEO_KAFKA_CONFIG_FILE", kafka.writeClientConfig(user).toString()),
        Map.of());
  }

  private static JsonNode completedExecutionOf(String databaseId) {
    for (JsonNode summary : api.get("/api/v1/migrations/executions?limit=100").body().path("executions")) {
      JsonNode execution = api.get("/api/v1/migrations/executions/" + summary.get("id").asText()).body();
      for (JsonNode target : execution.path("targets")) {
        if (databaseId.equals(target.path("database_id").asText())
            && "COMPLETED".equals(execution.path("status").asText())) {
          return execution;
        }
      }
    }
    return null;
  }

  private static List<String> history(TestDatabase db) throws Exception {
    List<String> versions = new ArrayList<>();
    try (Connection connection = db.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    return versions;
  }
}
