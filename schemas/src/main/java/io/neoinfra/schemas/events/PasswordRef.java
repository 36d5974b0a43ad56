package io.neoinfra.schemas.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a worker finds a database's password instead of a sealed {@code password}: {@code env:NAME} (an environment
 * variable of the worker) or {@code file:NAME} (a file in the worker's secrets directory). Only a worker resolves
 * it, and only within the limits it is configured with (a variable-name prefix, one directory): a reference names a
 * secret the platform's operators put there, never an arbitrary variable or path. The syntax below already refuses
 * a path: a file name has no {@code /} and does not start with a dot, so {@code ..} cannot appear as a name.
 */
public record PasswordRef(Source source, String name) {

  /** Where the secret is. */
  public enum Source {
    ENV("env"),
    FILE("file");

    private final String scheme;

    Source(String scheme) {
      this.scheme = scheme;
    }

    public String scheme() {
      return scheme;
    }
  }

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  public PasswordRef {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    Pattern allowed = source == Source.ENV ? ENV_NAME : FILE_NAME;
    if (!allowed.matcher(name).matches()) {
      throw new IllegalArgumentException("password_ref " + source.scheme() + ": name must match " + allowed.pattern()
          + (source == Source.FILE ? " (a plain file name, no path)" : ""));
    }
  }

  /** Parses {@code env:NAME} or {@code file:NAME}. */
  @JsonCreator
  public static PasswordRef parse(String text) {
    Objects.requireNonNull(text, "password_ref");
    for (Source source : Source.values()) {
      String prefix = source.scheme() + ":";
      if (text.startsWith(prefix)) {
        return new PasswordRef(source, text.substring(prefix.length()));
      }
    }
    throw new IllegalArgumentException("password_ref must be env:NAME or file:NAME");
  }

  @JsonValue
  @Override
  public String toString() {
    return source.scheme() + ":" + name;
  }
}
