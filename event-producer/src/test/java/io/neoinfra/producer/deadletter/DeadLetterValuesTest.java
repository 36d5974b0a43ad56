package io.neoinfra.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.serde.NeoJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeadLetterValuesTest {

  @Test
  void jsonIsPrettyPrinted() {
    var rendered = DeadLetterValues.render("{\"a\":1}".getBytes(StandardCharsets.UTF_8), NeoJson.newMapper());

    assertThat(rendered.form()).isEqualTo(DeadLetterValues.Form.JSON);
    assertThat(rendered.text()).isEqualTo("{\n  \"a\" : 1\n}");
  }

  @Test
  void textThatIsNotJsonStaysText() {
    var rendered = DeadLetterValues.render("not { json".getBytes(StandardCharsets.UTF_8), NeoJson.newMapper());

    assertThat(rendered).isEqualTo(new DeadLetterValues.Rendered(DeadLetterValues.Form.TEXT, "not { json"));
  }

  @Test
  void binaryBecomesBase64AndNullIsNone() {
    assertThat(DeadLetterValues.render(new byte[] {(byte) 0xff, (byte) 0xfe}, NeoJson.newMapper()))
        .isEqualTo(new DeadLetterValues.Rendered(DeadLetterValues.Form.BASE64, "//4="));
    assertThat(DeadLetterValues.render(null, NeoJson.newMapper()).form()).isEqualTo(DeadLetterValues.Form.NONE);
  }
}
