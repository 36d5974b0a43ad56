package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.gateway.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default limits per principal, through HTTP: 50 concurrent requests pass, 40 a second sustained pass, 100
 * back-to-back get 429 with Retry-After. The limiter's clock is stopped and moved by the test, so that the rates are
 * the ones stated whatever the machine's load (each test also uses its own principal).
 */
class RateLimitIT extends GatewayTestBase {

  private static final String READ = "/api/v1/migrations/executions?limit=1";

  private ExecutorService pool;

  @BeforeEach
  void stopTheClock() {
    pool = Executors.newFixedThreadPool(100);
    rateLimitTime.pause();
  }

  @AfterEach
  void restartTheClock() {
    rateLimitTime.resume();
    pool.shutdownNow();
  }

  @Test
  void fiftyConcurrentRequestsFromOnePrincipalPass() throws Exception {
    List<Api.Response> responses = burst(50, token("burst50", Permission.MIGRATIONS_READ));

    assertThat(responses).extracting(Api.Response::status).containsOnly(200);
  }

  @Test
  void fortyRequestsASecondSustainedPass() {
    String token = token("steady40", Permission.MIGRATIONS_READ);
    // Ten seconds at 40 a second: 400 requests, the clock moving 25 ms between two.
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      statuses.add(api.get(READ, token).status());
      rateLimitTime.advanceMillis(25);
    }

    assertThat(statuses).containsOnly(200);
  }

  @Test
  void hundredBackToBackRequestsGet429WithRetryAfter() throws Exception {
    List<Api.Response> responses = burst(100, token("flood100", Permission.MIGRATIONS_READ));

    List<Api.Response> limited = responses.stream().filter(r -> r.status() == 429).toList();
    assertThat(limited).isNotEmpty();
    assertThat(responses).extracting(Api.Response::status).containsOnly(200, 429);
    Api.Response first = limited.get(0);
    assertThat(Long.parseLong(first.header("Retry-After"))).isPositive();
    assertThat(first.header("Content-Type")).startsWith("application/problem+json");
    assertThat(first.json().path("code").asText()).isEqualTo("rate-limited");
    assertThat(first.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  private List<Api.Response> burst(int requests, String token) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Api.Response>> futures = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      futures.add(pool.submit(() -> {
        start.await();
        return api.get(READ, token);
      }));
    }
    start.countDown();
    List<Api.Response> responses = new ArrayList<>();
    for (Future<Api.Response> future : futures) {
      responses.add(future.get(120, TimeUnit.SECONDS));
    }
    return responses;
  }
}
