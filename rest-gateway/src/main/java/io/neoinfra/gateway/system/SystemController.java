package io.neoinfra.gateway.system;

import io.neoinfra.gateway.security.Caller;
import io.neoinfra.gateway.security.SecuritySettings;
import io.neoinfra.gateway.state.KafkaStateView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "system")
class SystemController {

  private final KafkaStateView view;
  private final SecuritySettings security;
  private final Clock clock;

  SystemController(KafkaStateView view, SecuritySettings security, Clock clock) {
    this.view = view;
    this.security = security;
    this.clock = clock;
  }

  @GetMapping("/system/health")
  @SecurityRequirements
  @Operation(summary = "Liveness and readiness (public): 200 healthy once the state view has caught up, else 503")
  ResponseEntity<Map<String, Object>> health() {
    boolean ready = view.caughtUp();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready ? "healthy" : "starting");
    body.put("state_view", ready ? "caught_up" : "catching_up");
    body.put("time", Instant.now(clock));
    return ResponseEntity.status(ready ? 200 : 503).body(body);
  }

  @GetMapping("/auth/profile")
  @Operation(summary = "Who the token says you are, and your permissions")
  Map<String, Object> profile(JwtAuthenticationToken auth) {
    Caller caller = Caller.of(auth, security.usernameClaim());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", caller.subject());
    body.put("username", caller.name());
    body.put("client_id", caller.clientId());
    body.put("issuer", caller.issuer());
    body.put("permissions", caller.permissions());
    body.put("expires_at", auth.getToken().getExpiresAt());
    return body;
  }
}
