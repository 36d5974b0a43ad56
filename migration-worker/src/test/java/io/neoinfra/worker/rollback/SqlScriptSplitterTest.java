package io.neoinfra.worker.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptSplitterTest {

  @Test
  void splitsAtSemicolonsAndRemembersEachStatementsLine() {
    // when
    List<SqlScriptSplitter.SqlStatement> statements = SqlScriptSplitter.split("""
        -- undo the seed
        DELETE FROM audit_log WHERE id = 1;

        DELETE FROM accounts
          WHERE id = 1;
        """);

    // then
    assertThat(statements).extracting(SqlScriptSplitter.SqlStatement::line).containsExactly(2, 4);
    assertThat(statements.get(1).sql()).isEqualTo("DELETE FROM accounts\n  WHERE id = 1");
  }

  @Test
  void keepsSemicolonsInsideQuotesCommentsAndDollarQuotes() {
    // when
    List<SqlScriptSplitter.SqlStatement> statements = SqlScriptSplitter.split("""
        INSERT INTO t VALUES ('a;b', 'it''s; fine'); /* a; comment */
        CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;
        SELECT "odd;name" FROM `x;y`
        """);

    // then
    assertThat(statements).hasSize(3);
    assertThat(statements.get(0).sql()).isEqualTo("INSERT INTO t VALUES ('a;b', 'it''s; fine')");
    assertThat(statements.get(1).sql()).contains("RETURN 1; END;").endsWith("LANGUAGE plpgsql");
    assertThat(statements.get(2).line()).isEqualTo(3);
  }

  @Test
  void scriptOfOnlyCommentsHasNoStatements() {
    assertThat(SqlScriptSplitter.split("-- nothing\n/* at all; */\n")).isEmpty();
  }
}
