package io.neoinfra.producer.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts an ISO-8601 instant ({@code 2026-11-25T10:00:00Z}) or a duration meaning "that long ago" ({@code 2h}). */
final class InstantConverter implements ITypeConverter<Instant> {

  private final Clock clock = Clock.systemUTC();

  @Override
  public Instant convert(String value) {
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException notAnInstant) {
      try {
        return clock.instant().minus(DurationConverter.parse(value));
      } catch (TypeConversionException notADuration) {
        throw new TypeConversionException(
            "not a time: '" + value + "' (an instant such as 2026-11-25T10:00:00Z, or an age such as 2h)");
      }
    }
  }
}
