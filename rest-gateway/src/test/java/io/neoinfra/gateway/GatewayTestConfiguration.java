package io.neoinfra.gateway;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** What the tests replace in the running gateway: only the rate limiter's clock. */
@TestConfiguration(proxyBeanMethods = false)
class GatewayTestConfiguration {

  @Bean
  PausableTime rateLimitTime() {
    return new PausableTime();
  }
}
