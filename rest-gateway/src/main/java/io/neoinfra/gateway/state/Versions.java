package io.neoinfra.gateway.state;

import java.math.BigInteger;
import java.util.Comparator;

/** Flyway versions ({@code 3}, {@code 1.2}) compared part by part as numbers: {@code 1.10} is after {@code 1.9}. */
public final class Versions {

  public static final Comparator<String> ORDER = Versions::compare;

  private Versions() {}

  public static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      BigInteger p = i < x.length ? number(x[i]) : BigInteger.ZERO;
      BigInteger q = i < y.length ? number(y[i]) : BigInteger.ZERO;
      int c = p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static BigInteger number(String part) {
    return part.chars().allMatch(Character::isDigit) && !part.isEmpty() ? new BigInteger(part) : BigInteger.ZERO;
  }
}
