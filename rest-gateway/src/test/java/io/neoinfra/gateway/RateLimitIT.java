package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.gateway.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The default limits per principal: 50 concurrent requests pass, 40 a second sustained pass, 100 back-to-back get
 * 429 with Retry-After. Each test uses its own principal, so they do not share a bucket.
 */
class RateLimitIT extends GatewayTestBase {

  private static final String READ = "/api/v1/migrations/executions?limit=1";

  @Test
  void fiftyConcurrentRequestsFromOnePrincipalPass() throws Exception {
    String token = token("burst50", Permission.MIGRATIONS_READ);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return api.get(READ, token).status();
        }));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fortyRequestsASecondSustainedPass() throws Exception {
    String token = token("steady40", Permission.MIGRATIONS_READ);
    ScheduledExecutorService ticker = Executors.newScheduledThreadPool(4);
    try {
      // 160 requests paced 25 ms apart: 40 a second for four seconds.
      List<ScheduledFuture<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 160; i++) {
        results.add(ticker.schedule(() -> api.get(READ, token).status(), i * 25L, TimeUnit.MILLISECONDS));
      }
      for (ScheduledFuture<Integer> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      ticker.shutdownNow();
    }
  }

  @Test
  void hundredBackToBackRequestsGet429WithRetryAfter() throws Exception {
    String token = token("flood100", Permission.MIGRATIONS_READ);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Future<Api.Response>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        results.add(pool.submit(() -> api.get(READ, token)));
      }
      List<Api.Response> limited = new ArrayList<>();
      for (Future<Api.Response> result : results) {
        Api.Response response = result.get(60, TimeUnit.SECONDS);
        if (response.status() == 429) {
          limited.add(response);
        } else {
          assertThat(response.status()).isEqualTo(200);
        }
      }
      assertThat(limited).isNotEmpty();
      Api.Response first = limited.get(0);
      assertThat(Long.parseLong(first.header("Retry-After"))).isPositive();
      assertThat(first.header("Content-Type")).startsWith("application/problem+json");
      assertThat(first.json().path("code").asText()).isEqualTo("rate-limited");
      assertThat(first.header("X-Content-Type-Options")).isEqualTo("nosniff");
    } finally {
      pool.shutdownNow();
    }
  }
}
