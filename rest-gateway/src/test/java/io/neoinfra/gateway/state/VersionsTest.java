package io.neoinfra.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void versionsCompareNumericallyPartByPart() {
    List<String> versions = new ArrayList<>(List.of("1.10", "2", "1.9", "10", "1.9.1"));
    versions.sort(Versions.ORDER);
    assertThat(versions).containsExactly("1.9", "1.9.1", "1.10", "2", "10");
  }

  @Test
  void trailingZerosAreEqual() {
    assertThat(Versions.compare("2.0", "2")).isZero();
  }
}
