package io.neoinfra.producer.cli;

import io.neoinfra.schemas.events.EventType;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts {@code database.created}, {@code io.neoinfra.database.created} or {@code DATABASE_CREATED}. */
final class EventTypeConverter implements ITypeConverter<EventType> {

  @Override
  public EventType convert(String value) {
    String normalized = value.trim();
    for (EventType type : EventType.values()) {
      if (type.ceType().equals(normalized) || type.ceType().equals("io.neoinfra." + normalized)
          || type.name().equalsIgnoreCase(normalized.replace('.', '_').replace('-', '_'))) {
        return type;
      }
    }
    throw new TypeConversionException("unknown event type '" + value + "'; one of: "
        + Arrays.stream(EventType.values()).map(t -> t.ceType().substring("io.neoinfra.".length()))
            .collect(Collectors.joining(", ")));
  }

  static String shortName(EventType type) {
    return type.ceType().substring("io.neoinfra.".length()).toLowerCase(Locale.ROOT);
  }
}
