package io.neoinfra.producer.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How a dead letter's value is shown to people: pretty JSON, else UTF-8 text, else base64. */
public final class DeadLetterValues {

  /** The form the value was rendered in. */
  public enum Form { NONE, JSON, TEXT, BASE64 }

  /** A rendered value. */
  public record Rendered(Form form, String text) {}

  private DeadLetterValues() {}

  public static Rendered render(byte[] value, ObjectMapper mapper) {
    if (value == null) {
      return new Rendered(Form.NONE, null);
    }
    try {
      return new Rendered(Form.JSON, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(value)));
    } catch (IOException notJson) {
      try {
        String text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(value))
            .toString();
        return new Rendered(Form.TEXT, text);
      } catch (CharacterCodingException notText) {
        return new Rendered(Form.BASE64, Base64.getEncoder().encodeToString(value));
      }
    }
  }
}
