package io.neoinfra.producer.cli;

import io.neoinfra.schemas.events.Priority;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts critical, high, normal, low in any case. */
final class PriorityConverter implements ITypeConverter<Priority> {
  @Override
  public Priority convert(String value) {
    try {
      return Priority.fromWire(value.trim());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("unknown priority '" + value + "'; one of: critical, high, normal, low");
    }
  }
}
