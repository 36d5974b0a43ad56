package io.neoinfra.schemas.crypto;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES keys a service may use: one active key that encrypts, and older ones kept so that secrets written under
 * them still decrypt after a rotation.
 */
public final class SecretKeyRing {

  private final Map<String, SecretKey> keys;
  private final String activeKeyId;

  private SecretKeyRing(Map<String, SecretKey> keys, String activeKeyId) {
    this.keys = Map.copyOf(keys);
    this.activeKeyId = activeKeyId;
  }

  /**
   * Parses {@code "k1:<base64 key>,k2:<base64 key>"}; keys are 128, 192 or 256 bits. The active key is named
   * separately so that rotation is: add the new key, make it active, later drop the old one.
   */
  public static SecretKeyRing parse(String spec, String activeKeyId) {
    Objects.requireNonNull(spec, "key ring spec");
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("key ring entry must be <key id>:<base64 key>, got an entry without a key id");
      }
      String id = trimmed.substring(0, colon);
      if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
        throw new IllegalArgumentException("key id must match [A-Za-z0-9_.-]{1,64}: " + id);
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(trimmed.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("key " + id + " is not valid base64", e);
      }
      if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
        throw new IllegalArgumentException("key " + id + " must be 16, 24 or 32 bytes, is " + raw.length);
      }
      keys.put(id, new SecretKeySpec(raw, "AES"));
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("key ring is empty");
    }
    String active = activeKeyId == null || activeKeyId.isBlank() ? keys.keySet().iterator().next() : activeKeyId;
    if (!keys.containsKey(active)) {
      throw new IllegalArgumentException("active key " + active + " is not in the key ring " + keys.keySet());
    }
    return new SecretKeyRing(keys, active);
  }

  /** A ring with a single key, for tests and the local dev stack. */
  public static SecretKeyRing single(String keyId, byte[] key) {
    return new SecretKeyRing(Map.of(keyId, new SecretKeySpec(key.clone(), "AES")), keyId);
  }

  public String activeKeyId() {
    return activeKeyId;
  }

  SecretKey active() {
    return keys.get(activeKeyId);
  }

  SecretKey find(String keyId) {
    SecretKey key = keys.get(keyId);
    if (key == null) {
      throw new CredentialDecryptionException("no key with id " + keyId + " in the key ring " + keys.keySet());
    }
    return key;
  }

  public Set<String> keyIds() {
    return keys.keySet();
  }

  @Override
  public String toString() {
    return "SecretKeyRing[active=" + activeKeyId + ", keys=" + keys.keySet() + "]";
  }
}
