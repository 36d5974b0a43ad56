package io.neoinfra.schemas.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a worker protects its connection to a target, in libpq's words so that operators read it as they would a
 * {@code sslmode}. Unlike libpq there is no {@code prefer}/{@code allow}: a mode either asks for TLS or does not.
 */
public enum TlsMode {
  /** Plain connection. */
  DISABLE,
  /** Encrypted, the server's certificate is not checked (protects against passive listeners only). */
  REQUIRE,
  /** Encrypted, the server's certificate must chain to a trusted CA; its name is not checked. */
  VERIFY_CA,
  /** Encrypted, trusted CA and the certificate names the host the worker connects to. */
  VERIFY_FULL;

  /** Whether the server's certificate is checked against trusted CAs. */
  public boolean verifiesCertificate() {
    return this == VERIFY_CA || this == VERIFY_FULL;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @JsonCreator
  public static TlsMode fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
