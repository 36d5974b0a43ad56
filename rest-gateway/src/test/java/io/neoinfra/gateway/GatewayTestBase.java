package io.neoinfra.gateway;

import static org.awaitility.Awaitility.await;

import io.neoinfra.gateway.security.Permission;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running gateway (a real Tomcat on a random port) shared by every integration test class: same settings, so
 * Spring's test context cache starts it once.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=rest-gateway")
@org.springframework.context.annotation.Import(GatewayTestConfiguration.class)
abstract class GatewayTestBase {

  static final TestEnvironment ENV = TestEnvironment.shared();

  @LocalServerPort
  int port;

  /** Health and metrics, served apart from the API ({@code management.server.port}, a free port in tests). */
  @LocalManagementPort
  int managementPort;

  Api api;

  /** The management port: actuator endpoints, no token. */
  Api management;

  @org.springframework.beans.factory.annotation.Autowired
  PausableTime rateLimitTime;

  @DynamicPropertySource
  static void gateway(DynamicPropertyRegistry registry) {
    ENV.gatewayProperties().forEach((name, value) -> registry.add(name, () -> value));
  }

  @BeforeEach
  void gatewayIsReady() {
    api = new Api(port);
    management = new Api(managementPort);
    await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/system/health", null).status() == 200);
  }

  /** A token for a subject no other test uses (so that rate limits of one test never touch another). */
  static String token(String subjectPrefix, Permission... permissions) {
    return ENV.token(io.neoinfra.testsupport.KafkaTestBroker.uniqueName(subjectPrefix), permissions);
  }
}
