package io.neoinfra.schemas.events;

import io.neoinfra.schemas.crypto.EncryptedSecret;

/** What {@link DatabaseCreated} and {@link DatabaseUpdated} share: how to reach a database and how to treat it. */
public interface DatabaseConnectionFields {
  String databaseId();

  String databaseName();

  ConnectionType connectionType();

  String region();

  Engine engine();

  String host();

  Integer port();

  String username();

  EncryptedSecret password();

  /** Where the worker finds the password instead; at most one of the two is set. */
  PasswordRef passwordRef();

  Boolean autoMigrate();

  Integer migrationTimeout();

  String tenantId();

  /** Null: the worker's default (see {@link TlsSettings}). */
  TlsSettings tls();
}
