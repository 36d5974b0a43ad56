package io.neoinfra.schemas.redaction;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Logback's {@code %ex} through the {@link RedactionPolicy}: an exception's message (a driver's, a parser's) may quote
 * what it was given. Registered for {@code ex}, {@code exception}, {@code throwable} and the implicit stack trace.
 */
public final class RedactingThrowableConverter extends ThrowableProxyConverter {

  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return RedactionPolicy.standard().redactText(super.throwableProxyToString(proxy));
  }
}
