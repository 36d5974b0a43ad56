package io.neoinfra.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's own {@code logback-spring.xml}, as a deployed gateway loads it, writes no secret. */
class GatewayLogConfigurationTest {

  private final PrintStream originalOut = System.out;
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private final LoggerContext context = new LoggerContext();

  @BeforeEach
  void configure() throws Exception {
    System.setOut(new PrintStream(written, true, StandardCharsets.UTF_8));
    context.setMDCAdapter(new LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getResource("/logback-spring.xml"));
  }

  @AfterEach
  void restore() {
    context.stop();
    System.setOut(originalOut);
  }

  @Test
  void aPasswordInALoggedMessageIsWrittenRedacted() {
    context.getLogger("io.neoinfra.gateway").info("request body {}", "{\"password\":\"hunter2\"}");

    assertThat(written.toString(StandardCharsets.UTF_8)).contains("request body").doesNotContain("hunter2")
        .contains("[redacted]");
  }

  @Test
  void aTokenInALoggedExceptionIsWrittenRedacted() {
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJl";
    context.getLogger("io.neoinfra.gateway").error("failed", new IllegalStateException("Bearer " + jwt));

    assertThat(written.toString(StandardCharsets.UTF_8)).contains("IllegalStateException").doesNotContain(jwt);
  }
}
