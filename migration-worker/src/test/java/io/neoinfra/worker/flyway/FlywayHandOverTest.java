package io.neoinfra.worker.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.tasks.AppliedScript;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a migrate reports when the direct PostgreSQL path hands over to Flyway, or leaves the whole run to it. */
class FlywayHandOverTest {

  private static AppliedScript script(int version) {
    return new AppliedScript(String.valueOf(version), "V" + version + "__step.sql", 3);
  }

  @Test
  void aScriptWhoseCommitWentUnconfirmedIsReportedAtTheVersionFlywayFound() {
    // the direct path saw 1..4 commit; 5's commit answer was lost, and Flyway found it applied
    var directly = PostgresDirectMigrator.Result.handingOver(null,
        List.of(script(1), script(2), script(3), script(4)));

    OperationOutcome outcome = FlywayRunner.handedOver(directly, "5", List.of());

    assertThat(outcome.versionBefore()).isNull();
    assertThat(outcome.versionAfter()).isEqualTo("5");
    assertThat(outcome.applied()).extracting(AppliedScript::version).containsExactly("1", "2", "3", "4");
  }

  @Test
  void flywayFinishingARunReportsItsLastScriptAndBothPathsScripts() {
    var directly = PostgresDirectMigrator.Result.handingOver("1", List.of(script(2)));

    OperationOutcome outcome = FlywayRunner.handedOver(directly, "2", List.of(script(3), script(4)));

    assertThat(outcome.versionBefore()).isEqualTo("1");
    assertThat(outcome.versionAfter()).isEqualTo("4");
    assertThat(outcome.applied()).extracting(AppliedScript::version).containsExactly("2", "3", "4");
  }

  @Test
  void aRunLeftWhollyToFlywayStartsWhereFlywayFoundTheTarget() {
    OperationOutcome outcome = FlywayRunner.handedOver(PostgresDirectMigrator.Result.NOT_USED, "3",
        List.of(script(4), script(5)));

    assertThat(outcome.versionBefore()).isEqualTo("3");
    assertThat(outcome.versionAfter()).isEqualTo("5");
  }

  @Test
  void aTargetAlreadyUpToDateStaysWhereFlywayFoundIt() {
    OperationOutcome outcome = FlywayRunner.handedOver(PostgresDirectMigrator.Result.NOT_USED, "5", List.of());

    assertThat(outcome.versionBefore()).isEqualTo("5");
    assertThat(outcome.versionAfter()).isEqualTo("5");
    assertThat(outcome.applied()).isEmpty();
  }
}
