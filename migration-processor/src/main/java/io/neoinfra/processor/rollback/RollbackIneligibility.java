package io.neoinfra.processor.rollback;

import java.util.Locale;

/** Why an execution cannot be rolled back; every applicable reason is reported, not just the first. */
public enum RollbackIneligibility {
  EXECUTION_NOT_FOUND,
  NOT_A_MIGRATION,
  NOT_COMPLETED,
  DRY_RUN,
  TARGET_WITHOUT_APPLIED_VERSIONS,
  TARGET_NOT_REGISTERED,
  ALREADY_ROLLED_BACK,
  LATER_EXECUTION_MOVED_TARGET;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
