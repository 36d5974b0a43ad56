package io.neoinfra.processor.registry;

/** Names of the registry's stores. */
public final class RegistryStores {

  /** Global copy of {@code neo.databases}: every database of every partition, for target resolution. */
  public static final String DATABASES = "registry-databases";
  /** Global copy of {@code neo.tenants}. */
  public static final String TENANTS = "registry-tenants";
  /** Local: the previous record of a database or tenant whose events this partition receives. */
  public static final String LOCAL = "registry-local";

  private RegistryStores() {}
}
