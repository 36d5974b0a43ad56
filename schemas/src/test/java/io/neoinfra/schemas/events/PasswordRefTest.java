package io.neoinfra.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.schemas.events.PasswordRef.Source;
import org.junit.jupiter.api.Test;

class PasswordRefTest {

  @Test
  void readsAnEnvironmentReferenceAndWritesItBackTheSame() {
    PasswordRef ref = PasswordRef.parse("env:NEO_SECRET_SHOP_1");

    assertThat(ref.source()).isEqualTo(Source.ENV);
    assertThat(ref.name()).isEqualTo("NEO_SECRET_SHOP_1");
    assertThat(ref.toString()).isEqualTo("env:NEO_SECRET_SHOP_1");
  }

  @Test
  void readsAFileReference() {
    assertThat(PasswordRef.parse("file:shop-1.password")).isEqualTo(new PasswordRef(Source.FILE, "shop-1.password"));
  }

  @Test
  void refusesAPathAsAFileName() {
    assertThatThrownBy(() -> PasswordRef.parse("file:../etc/shadow")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plain file name");
    assertThatThrownBy(() -> PasswordRef.parse("file:/etc/shadow")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordRef.parse("file:..")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnUnknownScheme() {
    assertThatThrownBy(() -> PasswordRef.parse("vault:db/shop")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("env:NAME or file:NAME");
  }
}
