package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.LoopbackProxy;
import io.neoinfra.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A database server that is down gives retryable failures, opens its circuit, and closes it after recovery. */
class CircuitBreakerIT {

  @Test
  void circuitOpensWhileTheServerIsDownAndClosesAfterItRecovers() throws Exception {
    try (TestDatabase db = LocalDatabaseServer.postgres().createDatabase("neo_circuit");
        LoopbackProxy proxy = LoopbackProxy.up(db.port());
        WorkerFixture fixture = WorkerFixture.start("classpath:bundles/basic", b -> b
            .connectionTimeout(Duration.ofMillis(500))
            .circuit(new WorkerSettings.CircuitSettings(50, 4, 2, Duration.ofSeconds(8), 1)))) {
      TargetConnection base = WorkerFixture.connectionTo(db);
      TargetConnection viaProxy = new TargetConnection(base.engine(), "127.0.0.1", proxy.port(), base.databaseName(),
          null, base.username(), base.password());
      CircuitBreaker breaker = fixture.worker.circuitBreakers().forTarget(viaProxy);

      // given: a healthy worker, and the server is down
      assertThat(get(fixture, "/health")).isEqualTo("{\"status\":\"UP\"}");
      proxy.takeDown();

      // when: two tasks try to connect
      var first = WorkerFixture.task(viaProxy).build();
      var second = WorkerFixture.task(viaProxy).build();
      fixture.publish(first);
      TaskFailed firstFailure = fixture.awaitFailure(first.taskId());
      fixture.publish(second);
      TaskFailed secondFailure = fixture.awaitFailure(second.taskId());

      // then: both are retryable connection failures, and the circuit is open
      assertThat(firstFailure.error().kind()).as(firstFailure.toString()).isEqualTo(FailureKind.CONNECTION_REFUSED);
      assertThat(secondFailure.error().kind()).as(secondFailure.toString())
          .isEqualTo(FailureKind.CONNECTION_REFUSED);
      assertThat(firstFailure.retryable()).isTrue();
      assertThat(breaker.getState()).as(breaker.getMetrics().getNumberOfFailedCalls() + " failed calls")
          .isEqualTo(CircuitBreaker.State.OPEN);
      assertThat(scrape(fixture)).contains("neo_worker_circuit_state{host=\"127.0.0.1:" + proxy.port() + "\"} 1.0");

      // when: another task comes while it is open
      var third = WorkerFixture.task(viaProxy).build();
      fixture.publish(third);

      // then: it fails fast, retryable, without touching the server
      TaskFailed fastFailure = fixture.awaitFailure(third.taskId());
      assertThat(fastFailure.error().kind()).isEqualTo(FailureKind.CIRCUIT_OPEN);
      assertThat(fastFailure.retryable()).isTrue();

      // when: the server is back and the open duration has passed
      proxy.bringUp();
      await().atMost(Duration.ofSeconds(30)).until(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN);
      var fourth = WorkerFixture.task(viaProxy).build();
      fixture.publish(fourth);

      // then: the probe succeeds, the task migrates, and the circuit is closed
      assertThat(fixture.awaitSuccess(fourth.taskId()).versionAfter()).isEqualTo("5");
      assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
  }

  private static String scrape(WorkerFixture fixture) throws Exception {
    return get(fixture, "/metrics");
  }

  private static String get(WorkerFixture fixture, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.worker.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
