package io.neoinfra.schemas.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridPrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;

/**
 * The workers' private keys, held only by workers (and by whoever runs the rotation). Immutable: each rotation step
 * returns a new keyset. The primary key is the one whose public half seals; every key in the keyset opens what was
 * sealed under it, so rotation is: {@link #withNewKey()} (workers get it first), distribute {@link #publicKeyset()},
 * {@link #promote(String)}, re-seal stored credentials ({@link CredentialOpener#reseal}), {@link #drop(String)} the
 * old key.
 *
 * <p>The file is Tink's JSON keyset in clear: protect it as a secret (mode 600, a Kubernetes Secret, a vault file).
 */
public final class PrivateKeyset {

  private final KeysetHandle handle;

  private PrivateKeyset(KeysetHandle handle) {
    this.handle = handle;
  }

  /** A new keyset with one HPKE key, primary. */
  public static PrivateKeyset generate() {
    try {
      return new PrivateKeyset(KeysetHandle.generateNew(HybridScheme.PARAMETERS));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an HPKE key", e);
    }
  }

  public static PrivateKeyset parse(String json) {
    Objects.requireNonNull(json, "json");
    HybridScheme.ensureRegistered();
    KeysetHandle handle;
    try {
      handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidKeysetException("not a Tink keyset in JSON form", e);
    }
    for (int i = 0; i < handle.size(); i++) {
      if (!(handle.getAt(i).getKey() instanceof HybridPrivateKey)) {
        throw new InvalidKeysetException("key " + KeyIds.show(handle.getAt(i).getId()) + " is not a private hybrid "
            + "key: a public keyset seals credentials but cannot open them; only a worker's private keyset can");
      }
    }
    return new PrivateKeyset(handle);
  }

  public static PrivateKeyset read(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidKeysetException("cannot read the private keyset " + file + ": " + e.getMessage(), e);
    }
  }

  public PublicKeyset publicKeyset() {
    try {
      return PublicKeyset.of(handle.getPublicKeysetHandle());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the public keyset", e);
    }
  }

  /** Adds a fresh key, not primary: workers can open with it before any producer seals with it. */
  public PrivateKeyset withNewKey() {
    try {
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
      builder.addEntry(KeysetHandle.generateEntryFromParameters(HybridScheme.PARAMETERS).withRandomId());
      return new PrivateKeyset(builder.build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an HPKE key", e);
    }
  }

  /** The id of the key {@link #withNewKey()} added last (the keyset's last entry). */
  public String newestKeyId() {
    return KeyIds.show(handle.getAt(handle.size() - 1).getId());
  }

  /** Makes a key primary: from the next public keyset on, producers seal with it. */
  public PrivateKeyset promote(String keyId) {
    int index = KeyIds.indexOf(handle, keyId);
    try {
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
      builder.getAt(index).makePrimary();
      return new PrivateKeyset(builder.build());
    } catch (GeneralSecurityException e) {
      throw new InvalidKeysetException("cannot make key " + keyId + " primary", e);
    }
  }

  /** Removes a key for good: what was sealed under it no longer opens. The primary key cannot be dropped. */
  public PrivateKeyset drop(String keyId) {
    int index = KeyIds.indexOf(handle, keyId);
    if (handle.getAt(index).isPrimary()) {
      throw new InvalidKeysetException("key " + keyId + " is the primary key: promote another key before dropping it");
    }
    try {
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
      builder.deleteAt(index);
      return new PrivateKeyset(builder.build());
    } catch (GeneralSecurityException e) {
      throw new InvalidKeysetException("cannot drop key " + keyId, e);
    }
  }

  public List<String> keyIds() {
    return KeyIds.of(handle);
  }

  public String primaryKeyId() {
    return KeyIds.show(handle.getPrimary().getId());
  }

  public String toJson() {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the private keyset cannot be serialized", e);
    }
  }

  /** Writes the keyset readable by its owner only, replacing the file atomically. */
  public void write(Path file) {
    try {
      KeysetFiles.replace(file, toJson(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the private keyset " + file, e);
    }
  }

  KeysetHandle handle() {
    return handle;
  }

  @Override
  public String toString() {
    return "PrivateKeyset[primary=" + primaryKeyId() + ", keys=" + keyIds() + "]";
  }
}
