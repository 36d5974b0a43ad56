package io.neoinfra.worker.credentials;

import io.neoinfra.schemas.crypto.CredentialDecryptionException;
import io.neoinfra.schemas.crypto.CredentialDecryptionException.Failure;
import io.neoinfra.schemas.crypto.CredentialOpener;
import io.neoinfra.schemas.tasks.TargetConnection;
import java.util.Objects;
import java.util.Optional;

/**
 * The password of a task's target, in memory only: opened from its sealed form with this worker's private keyset, or
 * resolved from its {@code password_ref}; null when the target has neither (trust or peer authentication).
 */
public final class TargetPasswords {

  private final Optional<CredentialOpener> opener;
  private final SecretReferences references;

  public TargetPasswords(Optional<CredentialOpener> opener, SecretReferences references) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.references = Objects.requireNonNull(references, "references");
  }

  /**
   * @throws CredentialDecryptionException when a sealed password cannot be opened
   * @throws PasswordRefException when a reference cannot be resolved
   */
  public String passwordOf(TargetConnection connection) {
    if (connection.password() != null) {
      return opener.orElseThrow(() -> new CredentialDecryptionException(Failure.NO_PRIVATE_KEYSET, "the worker has "
              + "no private keyset (NEO_CREDENTIAL_PRIVATE_KEYSET) to open the password sealed under key "
              + connection.password().keyId()))
          .open(connection.password());
    }
    if (connection.passwordRef() != null) {
      return references.resolve(connection.passwordRef());
    }
    return null;
  }
}
