package io.neoinfra.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.awaitility.Awaitility;

/**
 * A real single-node KRaft broker in the test JVM whose only client listener is SASL_SSL with SCRAM-SHA-512, and whose
 * authorizer ({@code StandardAuthorizer}, {@code allow.everyone.if.no.acl.found=false}) refuses whatever no ACL allows.
 * The TLS key pair and trust store are made at start by the JDK's keytool; every user of {@link #start(Set)} gets a
 * random password and is written into the metadata when the storage is formatted, so no unauthenticated step exists.
 * {@value #ADMIN} is a super user for setting up ACLs; the broker authenticates to itself as {@value #BROKER}.
 *
 * <p>The controller listener is PLAINTEXT on loopback and never advertised: KRaft controllers cannot verify SCRAM
 * credentials (they live in the metadata the controller serves), so the node's own broker reaches its controller as
 * {@code User:ANONYMOUS}, a super user on that listener only in effect. The broker settings shared with the plain test
 * broker are {@link KafkaTestBroker#SINGLE_NODE_PROPERTIES}.
 */
public final class SecuredKafkaTestBroker implements AutoCloseable {

  public static final String ADMIN = "admin";
  public static final String BROKER = "broker";
  public static final String MECHANISM = "SCRAM-SHA-512";
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final Path directory;
  private final int port;
  private final Path trustStore;
  private final String trustStorePassword;
  private final Map<String, String> passwords;

  private SecuredKafkaTestBroker(KafkaRaftServer server, Path directory, int port, Path trustStore,
      String trustStorePassword, Map<String, String> passwords) {
    this.server = server;
    this.directory = directory;
    this.port = port;
    this.trustStore = trustStore;
    this.trustStorePassword = trustStorePassword;
    this.passwords = Map.copyOf(passwords);
  }

  /** Starts a node with SCRAM users {@code users} (and {@value #ADMIN}, {@value #BROKER}); returns once it serves. */
  public static SecuredKafkaTestBroker start(Set<String> users) {
    try {
      Path directory = Files.createTempDirectory("secured-kafka");
      Map<String, String> passwords = new LinkedHashMap<>();
      passwords.put(ADMIN, randomSecret());
      passwords.put(BROKER, randomSecret());
      users.forEach(user -> passwords.put(user, randomSecret()));
      TlsFiles tls = TlsFiles.create(directory.resolve("tls"));
      int port = FreePorts.next();
      int controllerPort = FreePorts.next();
      Path logDir = directory.resolve("data");
      Files.createDirectories(logDir);
      Properties props = serverProperties(port, controllerPort, logDir, tls, passwords.get(BROKER));
      format(logDir, passwords);
      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      SecuredKafkaTestBroker broker = new SecuredKafkaTestBroker(server, directory, port, tls.trustStore(),
          tls.trustStorePassword(), passwords);
      broker.awaitServing();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the secured Kafka node", e);
    }
  }

  private static Properties serverProperties(int port, int controllerPort, Path logDir, TlsFiles tls,
      String brokerPassword) {
    Properties props = new Properties();
    props.putAll(KafkaTestBroker.SINGLE_NODE_PROPERTIES);
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    props.put("listeners", "SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "SASL_SSL");
    props.put("sasl.enabled.mechanisms", MECHANISM);
    props.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    props.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(BROKER, brokerPassword));
    props.put("ssl.keystore.type", "PKCS12");
    props.put("ssl.keystore.location", tls.keyStore().toString());
    props.put("ssl.keystore.password", tls.keyStorePassword());
    props.put("ssl.key.password", tls.keyStorePassword());
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.location", tls.trustStore().toString());
    props.put("ssl.truststore.password", tls.trustStorePassword());
    props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    props.put("allow.everyone.if.no.acl.found", "false");
    props.put("super.users", "User:" + ADMIN + ";User:" + BROKER + ";User:ANONYMOUS");
    props.put("log.dirs", logDir.toString());
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    return props;
  }

  private static void format(Path logDir, Map<String, String> passwords) throws IOException {
    List<String> scram = new ArrayList<>();
    passwords.forEach((user, password) ->
        scram.add(MECHANISM + "=[name=" + user + ",password=" + password + "]"));
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(NODE_ID)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .setDirectories(List.of(logDir.toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setScramArguments(scram)
          .run();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the secured Kafka node: " + e.getMessage(), e);
    }
  }

  private void awaitServing() {
    Map<String, Object> props = new HashMap<>(clientProperties(ADMIN));
    props.put("default.api.timeout.ms", 10_000);
    props.put("request.timeout.ms", 5_000);
    Awaitility.await("the secured Kafka node on " + bootstrapServers()).atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
          try (Admin admin = Admin.create(props)) {
            return !admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty();
          }
        });
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The password of {@code user}, for a test that builds a JAAS line of its own. */
  public String password(String user) {
    String password = passwords.get(user);
    if (password == null) {
      throw new IllegalArgumentException("no SCRAM user " + user + " on this broker");
    }
    return password;
  }

  /** What a client authenticating as {@code user} needs, {@code bootstrap.servers} included. */
  public Map<String, String> clientProperties(String user) {
    Map<String, String> props = new LinkedHashMap<>(tlsClientProperties());
    props.put("security.protocol", "SASL_SSL");
    props.put("sasl.mechanism", MECHANISM);
    props.put("sasl.jaas.config", jaas(user, password(user)));
    return props;
  }

  /** TLS that trusts this broker, and no SASL settings: the client of someone who holds no credentials. */
  public Map<String, String> tlsClientProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("bootstrap.servers", bootstrapServers());
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.location", trustStore.toString());
    props.put("ssl.truststore.password", trustStorePassword);
    return props;
  }

  /**
   * Writes {@link #clientProperties(String)} of {@code user} as a Java properties file, the form a component takes in
   * {@code NEO_KAFKA_CONFIG_FILE}.
   */
  public Path writeClientConfig(String user) {
    Path file = directory.resolve("client-" + user + ".properties");
    Properties props = new Properties();
    props.putAll(clientProperties(user));
    try (var out = Files.newOutputStream(file)) {
      props.store(out, "Kafka client settings of " + user);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** An admin client authenticated as the super user {@value #ADMIN}, for ACLs and topics. */
  public Admin superUserAdmin() {
    return Admin.create(new HashMap<>(clientProperties(ADMIN)));
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    try (var files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
        + "\" password=\"" + password + "\";";
  }

  private static String randomSecret() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A self-signed key pair for 127.0.0.1 and a trust store holding its certificate, made by the JDK's keytool. */
  private record TlsFiles(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

    static TlsFiles create(Path dir) throws IOException {
      Files.createDirectories(dir);
      Path keyStore = dir.resolve("broker.p12");
      Path certificate = dir.resolve("broker.pem");
      Path trustStore = dir.resolve("truststore.p12");
      String keyStorePassword = randomSecret();
      String trustStorePassword = randomSecret();
      keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
          "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
          "-keystore", keyStore.toString(), "-storepass", keyStorePassword, "-keypass", keyStorePassword);
      keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keyStore.toString(),
          "-storepass", keyStorePassword, "-file", certificate.toString());
      keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
          "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", trustStorePassword);
      return new TlsFiles(keyStore, keyStorePassword, trustStore, trustStorePassword);
    }

    private static void keytool(String... args) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running keytool", e);
      }
    }
  }
}
