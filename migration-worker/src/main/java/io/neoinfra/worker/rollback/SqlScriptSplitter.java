package io.neoinfra.worker.rollback;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an undo script into statements at {@code ;}, outside quotes ({@code '…'}, {@code "…"}, {@code `…`}),
 * comments ({@code --}, {@code /* *}{@code /}) and PostgreSQL dollar quotes ({@code $tag$…$tag$}), remembering the line
 * each statement starts on so an error can name it. Flyway's own parser is internal API; undo scripts are plain DDL.
 * The direct PostgreSQL migrate uses it too, and hands any script whose split fails to Flyway.
 */
public final class SqlScriptSplitter {

  public record SqlStatement(String sql, int line) {}

  private SqlScriptSplitter() {}

  public static List<SqlStatement> split(String script) {
    List<SqlStatement> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int line = 1;
    int startLine = -1;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n : end; // the newline itself is handled below, so the line count stays right
        continue;
      }
      if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        int stop = end < 0 ? n : end + 2;
        line += count(script, i, stop);
        current.append(' ');
        i = stop;
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') {
        int stop = closing(script, i, c);
        if (startLine < 0) {
          startLine = line;
        }
        line += count(script, i, stop);
        current.append(script, i, stop);
        i = stop;
        continue;
      }
      if (c == '$') {
        int tagEnd = script.indexOf('$', i + 1);
        if (tagEnd > 0 && script.substring(i + 1, tagEnd).matches("[A-Za-z_]*")) {
          String tag = script.substring(i, tagEnd + 1);
          int end = script.indexOf(tag, tagEnd + 1);
          int stop = end < 0 ? n : end + tag.length();
          if (startLine < 0) {
            startLine = line;
          }
          line += count(script, i, stop);
          current.append(script, i, stop);
          i = stop;
          continue;
        }
      }
      if (c == ';') {
        add(statements, current, startLine);
        current.setLength(0);
        startLine = -1;
        i++;
        continue;
      }
      if (c == '\n') {
        line++;
      } else if (!Character.isWhitespace(c) && startLine < 0) {
        startLine = line;
      }
      current.append(c);
      i++;
    }
    add(statements, current, startLine);
    return statements;
  }

  private static void add(List<SqlStatement> statements, StringBuilder current, int startLine) {
    String sql = current.toString().trim();
    if (!sql.isEmpty()) {
      statements.add(new SqlStatement(sql, Math.max(startLine, 1)));
    }
  }

  /** The index just past the quote that closes the one at {@code start}; a doubled quote is an escaped one. */
  private static int closing(String script, int start, char quote) {
    int i = start + 1;
    while (i < script.length()) {
      if (script.charAt(i) == quote) {
        if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return script.length();
  }

  private static int count(String script, int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (script.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
