package io.neoinfra.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.schemas.crypto.CredentialOpener;
import io.neoinfra.schemas.crypto.CredentialSealer;
import io.neoinfra.schemas.crypto.EncryptedSecret;
import io.neoinfra.schemas.crypto.InvalidKeysetException;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.crypto.PublicKeyset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialKeysetFilesTest {

  @TempDir Path dataDir;

  @Test
  void theFirstStartWritesAKeyPairWhosePublicHalfCannotOpen() throws Exception {
    CredentialKeysetFiles files = CredentialKeysetFiles.loadOrCreate(dataDir);

    EncryptedSecret sealed = new CredentialSealer(PublicKeyset.read(files.publicFile())).seal("pw");
    assertThat(new CredentialOpener(PrivateKeyset.read(files.privateFile())).open(sealed)).isEqualTo("pw");
    assertThatThrownBy(() -> PrivateKeyset.read(files.publicFile())).isInstanceOf(InvalidKeysetException.class);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateFile())))
        .isEqualTo("rw-------");
  }

  @Test
  void aRestartKeepsTheKeysSoWhatWasSealedBeforeStillOpens() {
    CredentialKeysetFiles first = CredentialKeysetFiles.loadOrCreate(dataDir);
    EncryptedSecret sealed = new CredentialSealer(PublicKeyset.read(first.publicFile())).seal("pw");

    CredentialKeysetFiles second = CredentialKeysetFiles.loadOrCreate(dataDir);

    assertThat(new CredentialOpener(second.keyset()).open(sealed)).isEqualTo("pw");
    assertThat(PublicKeyset.read(second.publicFile()).primaryKeyId()).isEqualTo(first.keyset().primaryKeyId());
  }
}
