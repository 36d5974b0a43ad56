package io.neoinfra.worker.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.testsupport.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustBundlesTest {

  @TempDir
  Path dir;

  @Test
  void mapsEachNameToItsCaFile() {
    Path corp = TestCertificates.authority("corp").writeCertificate(dir.resolve("corp.pem"));
    Path partner = TestCertificates.authority("partner").writeCertificate(dir.resolve("partner.pem"));

    TrustBundles bundles = TrustBundles.parse("corp-ca=" + corp + ", partner.ca=" + partner);

    assertThat(bundles.file("corp-ca")).contains(corp);
    assertThat(bundles.file("partner.ca")).contains(partner);
    assertThat(bundles.file("other")).isEmpty();
  }

  @Test
  void refusesAMissingFileARelativePathAFileWithoutCertificatesAndABadNameAllAtOnce() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");

    assertThatThrownBy(() -> TrustBundles.parse("gone=" + dir.resolve("gone.pem") + ",relative=ca.pem,empty="
        + empty + ",../up=" + empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trust bundle gone:")
        .hasMessageContaining("ca.pem is not an absolute path")
        .hasMessageContaining("trust bundle empty:")
        .hasMessageContaining("name '../up'");
  }
}
