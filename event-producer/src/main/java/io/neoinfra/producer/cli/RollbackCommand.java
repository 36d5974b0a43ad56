package io.neoinfra.producer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoinfra.producer.gateway.GatewayClient;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code neo rollback --execution-id <id> [--dry-run]}: the operator's rollback tool. It goes through the gateway's
 * API, as the UI and scripts do (eligibility, then the rollback, then its status), so the same checks, permission
 * ({@code migrations:rollback}) and audit record apply.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Roll an execution back with undo scripts through the gateway: shows the eligibility, starts the "
        + "rollback and follows it. Exit code: 0 COMPLETED, 1 FAILED or an error, 2 CANCELLED or REJECTED, "
        + "3 not eligible, 4 not finished within --timeout, 5 unknown execution.")
final class RollbackCommand implements Callable<Integer> {

  static final String FLYWAY_UNDO = "flyway_undo";
  static final int COMPLETED = 0;
  static final int FAILED = 1;
  static final int CANCELLED_OR_REJECTED = 2;
  static final int NOT_ELIGIBLE = 3;
  static final int TIMED_OUT = 4;
  static final int NOT_FOUND = 5;

  @Spec CommandSpec spec;
  @Mixin GatewayOptions gateway = new GatewayOptions();

  @Option(names = "--execution-id", required = true, paramLabel = "ID", description = "The execution to roll back.")
  String executionId;

  @Option(names = "--strategy", defaultValue = FLYWAY_UNDO,
      description = "How to roll back; only ${DEFAULT-VALUE} (the U<version>__*.sql undo scripts) exists.")
  String strategy;

  @Option(names = "--dry-run", description = "Report what would be undone, per target, without changing anything.")
  boolean dryRun;

  @Option(names = "--priority", defaultValue = "high",
      description = "Priority of the rollback's tasks: critical, high, normal, low (default: ${DEFAULT-VALUE}).")
  String priority;

  @Option(names = "--no-wait", negatable = false, description = "Return once the gateway accepted the rollback.")
  boolean noWait;

  @Option(names = "--timeout", defaultValue = "PT30M", converter = DurationConverter.class,
      description = "How long to follow the rollback (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--poll-interval", defaultValue = "PT2S", converter = DurationConverter.class,
      description = "How often its status is read (default: ${DEFAULT-VALUE}).")
  Duration pollInterval;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    if (!FLYWAY_UNDO.equals(strategy)) {
      throw new ParameterException(spec.commandLine(), "--strategy must be " + FLYWAY_UNDO + ", is " + strategy);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GatewayClient client = gateway.client(json);
    String id = URLEncoder.encode(executionId, StandardCharsets.UTF_8);

    GatewayClient.Response eligibility = client.get("/api/v1/migrations/executions/" + id + "/rollback/eligibility");
    if (eligibility.status() == 404) {
      err.println("execution " + executionId + " is unknown to the gateway");
      return NOT_FOUND;
    }
    if (!eligibility.ok()) {
      err.println("eligibility of " + executionId + " failed: " + eligibility.problem());
      return FAILED;
    }
    describe(eligibility.body(), out);
    if (!eligibility.body().path("can_rollback").asBoolean()) {
      return NOT_ELIGIBLE;
    }

    ObjectNode request = json.createObjectNode().put("strategy", strategy).put("dry_run", dryRun)
        .put("priority", priority);
    GatewayClient.Response started = client.post("/api/v1/migrations/executions/" + id + "/rollback", request);
    if (started.status() == 409) {
      err.println("the gateway refused the rollback: " + started.problem());
      reasons(started.body().path("reasons")).forEach(err::println);
      return NOT_ELIGIBLE;
    }
    if (started.status() != 202) {
      err.println("the gateway refused the rollback: " + started.problem());
      return FAILED;
    }
    String rollbackId = started.body().path("rollback_id").asText();
    out.println("rollback " + rollbackId + " accepted" + (dryRun ? " (dry run: nothing will change)" : ""));
    out.flush();
    if (noWait) {
      return COMPLETED;
    }
    return follow(client, rollbackId, out, err);
  }

  private int follow(GatewayClient client, String rollbackId, PrintWriter out, PrintWriter err) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    String last = "";
    while (true) {
      GatewayClient.Response view = client.get("/api/v1/migrations/rollbacks/"
          + URLEncoder.encode(rollbackId, StandardCharsets.UTF_8));
      // 404 right after the 202 is normal for a moment: the gateway serves it once its view has the record.
      if (view.ok()) {
        String status = view.body().path("status").asText();
        String line = "rollback " + rollbackId + ": " + status + " " + view.body().path("progress_percent").asInt()
            + "% " + view.body().path("counts");
        if (!line.equals(last)) {
          out.println(line);
          out.flush();
          last = line;
        }
        switch (status) {
          case "COMPLETED" -> {
            targets(view.body()).forEach(out::println);
            return COMPLETED;
          }
          case "FAILED" -> {
            targets(view.body()).forEach(err::println);
            return FAILED;
          }
          case "CANCELLED", "REJECTED" -> {
            return CANCELLED_OR_REJECTED;
          }
          default -> { }
        }
      } else if (view.status() != 404) {
        err.println("reading rollback " + rollbackId + " failed: " + view.problem());
        return FAILED;
      }
      if (Instant.now().isAfter(deadline)) {
        err.println("rollback " + rollbackId + " did not finish within " + timeout + "; follow it with ./neo watch "
            + rollbackId);
        return TIMED_OUT;
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  private static void describe(JsonNode eligibility, PrintWriter out) {
    boolean can = eligibility.path("can_rollback").asBoolean();
    out.println("execution " + eligibility.path("execution_id").asText() + ": can_rollback=" + can);
    for (JsonNode target : eligibility.path("targets")) {
      List<String> versions = new ArrayList<>();
      target.path("versions").forEach(v -> versions.add(v.asText()));
      String schema = target.path("schema").asText("");
      out.println("  " + target.path("database_id").asText() + (schema.isEmpty() ? "" : " (schema " + schema + ")")
          + ": undo " + (versions.isEmpty() ? "nothing" : String.join(", ", versions)));
    }
    reasons(eligibility.path("reasons")).forEach(out::println);
  }

  private static List<String> reasons(JsonNode reasons) {
    List<String> lines = new ArrayList<>();
    for (JsonNode reason : reasons) {
      lines.add("  not eligible: " + reason.path("code").asText() + " - " + reason.path("message").asText());
    }
    return lines;
  }

  private static List<String> targets(JsonNode view) {
    List<String> lines = new ArrayList<>();
    for (JsonNode target : view.path("targets")) {
      String error = target.path("error").isMissingNode() || target.path("error").isNull() ? ""
          : " " + target.path("error");
      lines.add("  " + target.path("database_id").asText() + " " + target.path("status").asText() + error);
    }
    return lines;
  }
}
