package io.neoinfra.schemas.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes keyset files whole: a reader never sees half a keyset, and a private one is never readable by others. */
final class KeysetFiles {

  private KeysetFiles() {}

  static void replace(Path file, String json, boolean ownerOnly) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path temp = ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? Files.createTempFile(dir, ".keyset", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(dir, ".keyset", ".tmp");
    try {
      Files.writeString(temp, json + "\n", StandardCharsets.UTF_8);
      if (!ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
