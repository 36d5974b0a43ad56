package io.neoinfra.schemas.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;

/**
 * The workers' public keys: all a producer (gateway, event-producer library, CLI, dev tools) holds. It seals
 * credentials and cannot open them. Parsing refuses a keyset that holds private key material, so a producer is never
 * handed a worker's private keyset by mistake.
 */
public final class PublicKeyset {

  private final KeysetHandle handle;

  private PublicKeyset(KeysetHandle handle) {
    this.handle = handle;
  }

  static PublicKeyset of(KeysetHandle publicHandle) {
    return new PublicKeyset(publicHandle);
  }

  /** Parses Tink's JSON keyset format without secret key material. */
  public static PublicKeyset parse(String json) {
    Objects.requireNonNull(json, "json");
    HybridScheme.ensureRegistered();
    KeysetHandle handle;
    try {
      handle = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(json);
    } catch (GeneralSecurityException | RuntimeException e) {
      // Tink refuses secret material here, which is the point: name that case rather than a parse error.
      if (json.contains("ASYMMETRIC_PRIVATE")) {
        throw new InvalidKeysetException("a private keyset was given where the public keyset belongs: producers hold "
            + "only the public keyset (./neo events credentials public)");
      }
      throw new InvalidKeysetException("not a Tink public keyset in JSON form", e);
    }
    return new PublicKeyset(handle);
  }

  public static PublicKeyset read(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidKeysetException("cannot read the public keyset " + file + ": " + e.getMessage(), e);
    }
  }

  public String toJson() {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(handle);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the public keyset cannot be serialized", e);
    }
  }

  /** Writes the keyset (world-readable: it holds no secret), replacing the file atomically. */
  public void write(Path file) {
    try {
      KeysetFiles.replace(file, toJson(), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the public keyset " + file, e);
    }
  }

  public List<String> keyIds() {
    return KeyIds.of(handle);
  }

  public String primaryKeyId() {
    return KeyIds.show(handle.getPrimary().getId());
  }

  KeysetHandle handle() {
    return handle;
  }

  @Override
  public String toString() {
    return "PublicKeyset[primary=" + primaryKeyId() + ", keys=" + keyIds() + "]";
  }
}
