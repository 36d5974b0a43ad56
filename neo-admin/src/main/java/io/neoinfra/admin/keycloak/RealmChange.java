package io.neoinfra.admin.keycloak;

/** One thing the bootstrap did (or found already right), for its report. Never carries a secret. */
public record RealmChange(Action action, String subject, String detail) {

  public enum Action {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  @Override
  public String toString() {
    return String.format("%-9s %s%s", action, subject, detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
