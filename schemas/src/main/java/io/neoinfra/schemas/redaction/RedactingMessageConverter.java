package io.neoinfra.schemas.redaction;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} through the {@link RedactionPolicy}: a log line never shows a secret even when a message
 * argument (a record, a request, a library's exception text) carries one. Registered in a {@code logback.xml} as
 * {@code <conversionRule conversionWord="msg" class="io.neoinfra.schemas.redaction.RedactingMessageConverter"/>}
 * (also for {@code m} and {@code message}), which replaces Logback's own converter for that word.
 */
public final class RedactingMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return RedactionPolicy.standard().redactText(super.convert(event));
  }
}
