package io.neoinfra.schemas.connection;

import java.util.Locale;

/** A field of a connection, named as on the wire; failures name the field, never its value. */
public enum ConnectionField {
  ENGINE,
  HOST,
  PORT,
  DATABASE_NAME,
  SCHEMA,
  USERNAME;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
