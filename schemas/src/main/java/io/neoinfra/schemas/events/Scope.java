package io.neoinfra.schemas.events;

/**
 * Which databases a migration request addresses. {@link #ADMIN}, {@link #REGIONAL} and {@link #TENANT} also
 * name the migration set (the {@code admin/}, {@code regional/} and {@code tenant/} folders of a bundle).
 */
public enum Scope {
  ADMIN,
  REGIONAL,
  TENANT,
  ALL;

  /** The migration set a target of this scope uses; {@link #ALL} has none of its own. */
  public String folder() {
    if (this == ALL) {
      throw new IllegalStateException("scope ALL has no migration set of its own");
    }
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
