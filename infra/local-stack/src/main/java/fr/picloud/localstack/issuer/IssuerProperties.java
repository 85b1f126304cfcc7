package fr.picloud.localstack.issuer;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param stateDirectory where the signing key lives
 * @param demoPasswordFile where a generated demo password is kept
 * @param mintedTokenLifetime how long a token from the local minting endpoint is valid
 */
@ConfigurationProperties("picloud.issuer")
record IssuerProperties(Path stateDirectory, Path demoPasswordFile, Duration mintedTokenLifetime) {}
