package io.neoinfra.schemas.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.pattern.PatternLayoutBase;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RedactingConvertersTest {

  private final LoggerContext context = new LoggerContext();

  private PatternLayout layout(String pattern) {
    @SuppressWarnings("unchecked")
    Map<String, Supplier<?>> rules = (Map<String, Supplier<?>>) context.getObject(
        ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
    if (rules == null) {
      rules = new HashMap<>();
      context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
    }
    rules.put("msg", RedactingMessageConverter::new);
    rules.put("ex", RedactingThrowableConverter::new);
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern(pattern);
    layout.start();
    return layout;
  }

  private LoggingEvent event(String message, Throwable error, Object... args) {
    Logger logger = context.getLogger("test");
    return new LoggingEvent(PatternLayoutBase.class.getName(), logger, Level.WARN, message, error, args);
  }

  @Test
  void aMessageArgumentCarryingAPasswordIsLoggedRedacted() {
    String line = layout("%msg").doLayout(event("refused {}", null, "{\"password\":\"hunter2\"}"));

    assertThat(line).doesNotContain("hunter2").contains(RedactionPolicy.REDACTED);
  }

  @Test
  void anExceptionMessageCarryingATokenIsLoggedRedacted() {
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJl";
    String line = layout("%msg%ex").doLayout(event("failed", new IllegalStateException("bad " + jwt)));

    assertThat(line).doesNotContain(jwt).contains("IllegalStateException");
  }
}
