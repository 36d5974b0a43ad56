package io.neoinfra.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @Test
  void acceptsShortFormsAndIso() {
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationConverter.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(DurationConverter.parse("PT90S")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void refusesAnythingElseWithTheAcceptedForms() {
    assertThatThrownBy(() -> DurationConverter.parse("soon"))
        .isInstanceOf(TypeConversionException.class).hasMessageContaining("5s");
  }

  @Test
  void formatsForPeople() {
    assertThat(DurationConverter.format(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(DurationConverter.format(Duration.ofSeconds(3723))).isEqualTo("1h2m3s");
    assertThat(DurationConverter.format(Duration.ofDays(2))).isEqualTo("2d");
    assertThat(DurationConverter.format(Duration.ZERO)).isEqualTo("0ms");
  }
}
