package io.neoinfra.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.neoinfra.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code /health} and {@code /metrics} of a processor started as a service (as {@code ProcessorMain} does). */
class ProcessorEndpointsIT {

  private static final KafkaTestBroker KAFKA = KafkaTestBroker.shared();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aServingProcessorReportsItsHealthAndPrometheusMetricsWithTheJvmsAndStopsServingWhenClosed() throws Exception {
    ProcessorSettings settings = ItSupport.settings(KAFKA).withMetricsPort(0);
    int port;
    try (MigrationProcessor processor = MigrationProcessor.startServing(settings)) {
      port = processor.metricsPort().orElseThrow();

      await().atMost(Duration.ofSeconds(60)).until(() -> get(port, "/health").statusCode() == 200);
      assertThat(get(port, "/health").body()).isEqualTo("{\"status\":\"UP\"}");
      HttpResponse<String> metrics = get(port, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(metrics.body()).contains("jvm_memory_used_bytes", "jvm_memory_max_bytes", "process_cpu_usage",
          "system_cpu_usage", "kafka_consumer");
    }

    assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(IOException.class);
  }

  @Test
  void aProcessorStartedAsALibraryServesNothing() {
    try (MigrationProcessor processor = MigrationProcessor.start(ItSupport.settings(KAFKA))) {
      assertThat(processor.metricsPort()).isEmpty();
    }
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
