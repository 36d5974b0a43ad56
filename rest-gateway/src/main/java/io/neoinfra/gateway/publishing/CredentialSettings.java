package io.neoinfra.gateway.publishing;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The workers' public keyset, which seals database passwords before they are published. The gateway holds no key
 * that opens them. Bound under {@code neo.credential} rather than {@code neo.gateway} so that the environment
 * variable, {@code NEO_CREDENTIAL_PUBLIC_KEYSET}, is the one every producing component reads.
 *
 * @param publicKeyset the public keyset file (Tink JSON, from {@code ./neo credentials public}); required. A file
 *     holding private key material is refused at startup.
 */
@Validated
@ConfigurationProperties("neo.credential")
public record CredentialSettings(@NotNull Path publicKeyset) {}
