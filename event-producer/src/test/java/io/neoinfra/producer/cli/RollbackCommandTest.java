package io.neoinfra.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What {@code neo rollback} refuses before it sends anything. The calls to a running gateway are tested end to end
 * by dev-stack's DevStackE2EIT.
 */
class RollbackCommandTest {

  @Test
  void refusesAStrategyOtherThanFlywayUndo() {
    Run run = run("rollback", "--execution-id", "exec-1", "--strategy", "restore_backup", "--client-secret", "s3cret",
        "--token-url", "http://127.0.0.1:1/token", "--gateway-url", "http://127.0.0.1:1");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("--strategy must be flyway_undo").doesNotContain("s3cret");
  }

  @Test
  void requiresTheExecutionId() {
    Run run = run("rollback", "--dry-run");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("--execution-id");
  }

  @Test
  void reportsAnUnreachableTokenEndpointWithoutTheSecret() {
    Run run = run("rollback", "--execution-id", "exec-1", "--client-secret", "s3cret",
        "--token-url", "http://127.0.0.1:1/token", "--gateway-url", "http://127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(CliErrors.FAILURE);
    assertThat(run.output()).startsWith("error:").doesNotContain("s3cret");
  }

  private record Run(int exitCode, String output) {}

  private static Run run(String... args) {
    StringWriter output = new StringWriter();
    CommandLine cli = NeoEventsCli.commandLine();
    cli.setOut(new PrintWriter(output, true));
    cli.setErr(new PrintWriter(output, true));
    int exitCode = cli.execute(args);
    return new Run(exitCode, output.toString());
  }
}
