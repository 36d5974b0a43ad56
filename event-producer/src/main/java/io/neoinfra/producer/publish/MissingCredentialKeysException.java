package io.neoinfra.producer.publish;

/** A password was given but the publisher has no key ring to encrypt it with; nothing was sent. */
public class MissingCredentialKeysException extends IllegalStateException {
  public MissingCredentialKeysException() {
    super("a password can only be published encrypted: configure credential keys "
        + "(LifecycleEventPublisher.configure().credentialKeys(...), or NEO_CREDENTIAL_KEYS for the CLI)");
  }
}
