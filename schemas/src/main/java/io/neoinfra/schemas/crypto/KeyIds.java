package io.neoinfra.schemas.crypto;

import com.google.crypto.tink.KeysetHandle;
import java.util.ArrayList;
import java.util.List;

/** Tink key ids as this platform shows them: unsigned decimal, as in Tink's JSON keysets. */
final class KeyIds {

  private KeyIds() {}

  static String show(int id) {
    return Integer.toUnsignedString(id);
  }

  static List<String> of(KeysetHandle handle) {
    List<String> ids = new ArrayList<>(handle.size());
    for (int i = 0; i < handle.size(); i++) {
      ids.add(show(handle.getAt(i).getId()));
    }
    return List.copyOf(ids);
  }

  static int indexOf(KeysetHandle handle, String keyId) {
    for (int i = 0; i < handle.size(); i++) {
      if (show(handle.getAt(i).getId()).equals(keyId)) {
        return i;
      }
    }
    throw new InvalidKeysetException("no key with id " + keyId + " in the keyset " + of(handle));
  }
}
