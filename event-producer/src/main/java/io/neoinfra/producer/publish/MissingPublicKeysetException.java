package io.neoinfra.producer.publish;

/** A password was given but the publisher has no public keyset to seal it with; nothing was sent. */
public class MissingPublicKeysetException extends IllegalStateException {
  public MissingPublicKeysetException() {
    super("a password can only be published sealed: configure the workers' public keyset "
        + "(LifecycleEventPublisher.configure().publicKeyset(...), or NEO_CREDENTIAL_PUBLIC_KEYSET for the CLI), "
        + "or send password_ref instead");
  }
}
