package io.neoinfra.gateway.problems;

import java.util.UUID;
import java.util.regex.Pattern;

/** Ids in paths follow the contracts' identifier rule; anything else cannot exist, so it is a plain 404. */
public final class PathIds {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

  private PathIds() {}

  public static String require(String id, String what) {
    if (id == null || !IDENTIFIER.matcher(id).matches()) {
      throw ApiProblemException.notFound(what);
    }
    return id;
  }

  /** Whether {@code value} may be an id at all (query filters use this to refuse junk with 422). */
  public static boolean isIdentifier(String value) {
    return value != null && IDENTIFIER.matcher(value).matches();
  }

  /** A new id such as {@code exec-3f2a…}, valid under the identifier rule. */
  public static String generate(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }
}
