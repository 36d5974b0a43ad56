package io.neoinfra.worker.credentials;

import io.neoinfra.schemas.events.PasswordRef;
import io.neoinfra.worker.credentials.PasswordRefException.Refusal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a {@code password_ref} on the worker, within two limits set by the worker's operator, never by the caller:
 * {@code env:NAME} reads only variables whose name starts with the configured prefix ({@code NEO_SECRET_} by
 * default), so a reference cannot read {@code NEO_WORKER_*} settings or anything else of the process; {@code
 * file:NAME} reads only a plain file name inside the configured secrets directory (the name syntax has no separator
 * and cannot be {@code ..}; the resolved path is checked to stay in the directory as well). Symbolic links inside the
 * directory are followed, as Kubernetes mounts secret files that way. One trailing line break is dropped.
 */
public final class SecretReferences {

  private final Function<String, String> environment;
  private final Optional<Path> secretsDirectory;
  private final String envPrefix;

  public SecretReferences(Function<String, String> environment, Optional<Path> secretsDirectory, String envPrefix) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.secretsDirectory = secretsDirectory.map(dir -> dir.toAbsolutePath().normalize());
    this.envPrefix = Objects.requireNonNull(envPrefix, "envPrefix");
  }

  /** Resolves against the process environment. */
  public static SecretReferences ofProcess(Optional<Path> secretsDirectory, String envPrefix) {
    return new SecretReferences(System::getenv, secretsDirectory, envPrefix);
  }

  public String resolve(PasswordRef ref) {
    return switch (ref.source()) {
      case ENV -> fromEnvironment(ref.name());
      case FILE -> fromFile(ref.name());
    };
  }

  private String fromEnvironment(String name) {
    if (!name.startsWith(envPrefix) || name.length() == envPrefix.length()) {
      throw new PasswordRefException(Refusal.PREFIX_NOT_ALLOWED, "password_ref env:" + name + " is refused: this "
          + "worker resolves only variables named " + envPrefix + "<name> (NEO_WORKER_SECRET_ENV_PREFIX)");
    }
    return nonEmpty(environment.apply(name), "env:" + name, "the variable is not set on this worker");
  }

  private String fromFile(String name) {
    Path dir = secretsDirectory.orElseThrow(() -> new PasswordRefException(Refusal.NO_SECRETS_DIRECTORY,
        "password_ref file:" + name + " is refused: this worker has no secrets directory (NEO_WORKER_SECRETS_DIR)"));
    Path file = dir.resolve(name).normalize();
    if (!dir.equals(file.getParent())) {
      throw new PasswordRefException(Refusal.NOT_FOUND, "password_ref file:" + name + " does not name a file in the "
          + "secrets directory");
    }
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      content = null;
    } catch (IOException e) {
      throw new PasswordRefException(Refusal.UNREADABLE, "password_ref file:" + name + " cannot be read from the "
          + "secrets directory (" + e.getClass().getSimpleName() + ")");
    }
    return nonEmpty(content == null ? null : stripLineBreak(content), "file:" + name,
        "no such file in the secrets directory");
  }

  private static String nonEmpty(String value, String ref, String whenMissing) {
    if (value == null) {
      throw new PasswordRefException(Refusal.NOT_FOUND, "password_ref " + ref + " cannot be resolved: " + whenMissing);
    }
    if (value.isEmpty()) {
      throw new PasswordRefException(Refusal.EMPTY, "password_ref " + ref + " is empty");
    }
    return value;
  }

  private static String stripLineBreak(String content) {
    if (content.endsWith("\r\n")) {
      return content.substring(0, content.length() - 2);
    }
    return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
  }
}
