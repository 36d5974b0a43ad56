package io.neoinfra.producer.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT5S}). */
final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT.matcher(text);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("not a duration: '" + value + "' (e.g. 500ms, 5s, 2m, 1h, 1d or PT5S)");
    }
  }

  /** A duration for people: {@code 1h2m3s}, {@code 850ms}. */
  static String format(Duration duration) {
    if (duration == null) {
      return null;
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.toSeconds();
    StringBuilder text = new StringBuilder();
    if (seconds >= 86_400) {
      text.append(seconds / 86_400).append('d');
    }
    if (seconds % 86_400 >= 3600) {
      text.append(seconds % 86_400 / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 > 0 || text.isEmpty()) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }
}
