package fr.picloud.localstack.issuer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param stateDirectory where the signing key lives
 * @param demoPasswordFile where a generated demo password is kept
 * @param mintedTokenLifetime how long a token from the local minting endpoint is valid
 * @param audiences the {@code aud} of every access token: each service accepts only a token carrying
 *     its own audience, and one user's token (the portal relays it) must be accepted by them all
 */
@ConfigurationProperties("picloud.issuer")
record IssuerProperties(
        Path stateDirectory, Path demoPasswordFile, Duration mintedTokenLifetime, List<String> audiences) {}
