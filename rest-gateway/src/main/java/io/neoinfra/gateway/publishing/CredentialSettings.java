package io.neoinfra.gateway.publishing;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The AES key ring that encrypts database passwords before they are published.
 *
 * @param keys {@code <key id>:<base64 key>,…} (16, 24 or 32 bytes each); required, no default
 * @param activeKeyId the key that encrypts (default: the first of {@code keys})
 */
@Validated
@ConfigurationProperties("neo.gateway.credentials")
public record CredentialSettings(@NotBlank String keys, String activeKeyId) {

  @Override
  public String toString() {
    return "CredentialSettings[keys=<redacted>, activeKeyId=" + activeKeyId + "]";
  }
}
