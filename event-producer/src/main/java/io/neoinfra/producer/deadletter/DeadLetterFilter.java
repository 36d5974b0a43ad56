package io.neoinfra.producer.deadletter;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which dead letters to list or replay. Every criterion left empty matches everything; the criteria combine with AND,
 * and the values of one criterion with OR. The time range applies to {@link DeadLetter#failedAt()} (the last failure,
 * else the record's timestamp): {@code since} inclusive, {@code until} exclusive.
 */
public record DeadLetterFilter(
    Set<String> eventTypes,
    Set<String> errorClasses,
    Set<String> databaseIds,
    Set<String> executionIds,
    Instant since,
    Instant until,
    Set<DeadLetterId> offsets) {

  public DeadLetterFilter {
    eventTypes = Set.copyOf(eventTypes);
    errorClasses = Set.copyOf(errorClasses);
    databaseIds = Set.copyOf(databaseIds);
    executionIds = Set.copyOf(executionIds);
    offsets = Set.copyOf(offsets);
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException("the time range is empty: since " + since + " is not before until " + until);
    }
  }

  /** Matches every dead letter. */
  public static DeadLetterFilter all() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean matches(DeadLetter letter) {
    return (offsets.isEmpty() || offsets.contains(letter.id()))
        && (eventTypes.isEmpty() || eventTypes.contains(letter.eventType()))
        && (errorClasses.isEmpty() || errorClasses.contains(letter.failure().errorClass()))
        && (databaseIds.isEmpty() || databaseIds.contains(letter.databaseId()))
        && (executionIds.isEmpty() || executionIds.contains(letter.executionId()))
        && (since == null || !letter.failedAt().isBefore(since))
        && (until == null || letter.failedAt().isBefore(until));
  }

  /** Builds a filter; each method adds to its criterion. */
  public static final class Builder {
    private final Set<String> eventTypes = new LinkedHashSet<>();
    private final Set<String> errorClasses = new LinkedHashSet<>();
    private final Set<String> databaseIds = new LinkedHashSet<>();
    private final Set<String> executionIds = new LinkedHashSet<>();
    private final Set<DeadLetterId> offsets = new LinkedHashSet<>();
    private Instant since;
    private Instant until;

    private Builder() {}

    /** CloudEvents types ({@code ce_type}), e.g. {@code io.neoinfra.database.created}. */
    public Builder eventTypes(Collection<String> types) {
      eventTypes.addAll(types);
      return this;
    }

    /** Values of {@code neo-dlt-error-class}. */
    public Builder errorClasses(Collection<String> classes) {
      errorClasses.addAll(classes);
      return this;
    }

    public Builder databaseIds(Collection<String> ids) {
      databaseIds.addAll(ids);
      return this;
    }

    public Builder executionIds(Collection<String> ids) {
      executionIds.addAll(ids);
      return this;
    }

    /** Failed at or after this instant (default: no lower bound). */
    public Builder since(Instant instant) {
      since = instant;
      return this;
    }

    /** Failed before this instant (default: no upper bound). */
    public Builder until(Instant instant) {
      until = instant;
      return this;
    }

    /** Only these records of the dead-letter topic. */
    public Builder offsets(Collection<DeadLetterId> ids) {
      offsets.addAll(ids);
      return this;
    }

    public DeadLetterFilter build() {
      return new DeadLetterFilter(eventTypes, errorClasses, databaseIds, executionIds, since, until, offsets);
    }
  }
}
