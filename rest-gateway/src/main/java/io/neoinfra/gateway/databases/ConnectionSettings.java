package io.neoinfra.gateway.databases;

import io.neoinfra.schemas.connection.ConnectionPolicy;
import io.neoinfra.schemas.connection.NetworkPolicy;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Database connections.
 *
 * @param healthTimeout the longest a live health check waits for a worker's answer (default 3s); the request expires
 *     then, so the worker's connect and login fit within it, and no answer in time is {@code timeout}
 * @param healthChecksInParallel live checks waiting for an answer at once at most; more wait for a slot within their
 *     timeout (default 8)
 * @param embeddedEngines whether H2 targets may be registered (default false; the dev stack turns it on)
 * @param targetNetworks CIDRs targets may live in (default empty: everywhere the denied list leaves)
 * @param deniedNetworks CIDRs no target may live in (default {@link NetworkPolicy#DEFAULT_DENIED}: link-local and
 *     cloud metadata addresses)
 */
@Validated
@ConfigurationProperties("neo.gateway.connections")
public record ConnectionSettings(
    @DefaultValue("PT3S") @NotNull Duration healthTimeout,
    @DefaultValue("8") int healthChecksInParallel,
    @DefaultValue("false") boolean embeddedEngines,
    List<String> targetNetworks,
    List<String> deniedNetworks) {

  public ConnectionSettings {
    targetNetworks = targetNetworks == null ? List.of() : List.copyOf(targetNetworks);
    deniedNetworks = deniedNetworks == null ? NetworkPolicy.DEFAULT_DENIED : List.copyOf(deniedNetworks);
    // Parsed here so that a malformed network stops the gateway at start, not at the first registration.
    network(targetNetworks, deniedNetworks);
  }

  public ConnectionPolicy policy() {
    return new ConnectionPolicy(embeddedEngines, network(targetNetworks, deniedNetworks));
  }

  private static NetworkPolicy network(List<String> allowed, List<String> denied) {
    return NetworkPolicy.of(String.join(",", allowed), String.join(",", denied));
  }
}
