package fr.picloud.platform.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Real RS256-signed tokens for tests. The services verify them with the standard
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location} property pointing at this
 * JVM's public key, the same verification path as production, only with a different key source.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test.picloud";

    /**
     * The audiences a token of the platform's issuer carries: each service's own (its name), as the
     * local issuer mints them, so one user's token is accepted by every service.
     */
    public static final List<String> SERVICE_AUDIENCES = List.of(
            "catalog-service",
            "order-service",
            "provisioning-service",
            "billing-service",
            "migration-service",
            "ops-service");

    private static final KeyPair KEYS = generate();
    private static Path publicKeyFile;

    private TestTokens() {}

    /** A token for a user of an organisation with the given roles, valid for an hour, for every service. */
    public static String token(String subject, String tenant, String... roles) {
        return tokenFor(SERVICE_AUDIENCES, subject, tenant, roles);
    }

    /** A token like {@link #token} but for the given audiences only, e.g. another client's, to show it is refused. */
    public static String tokenFor(List<String> audiences, String subject, String tenant, String... roles) {
        return sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audiences)
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .claim("tenant", tenant)
                .claim("roles", List.of(roles))
                .build());
    }

    /** A token of an administrator limited to one provider's offerings. */
    public static String providerAdminToken(String subject, String provider) {
        return sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(SERVICE_AUDIENCES)
                .subject(subject)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .claim("tenant", provider)
                .claim("roles", List.of("catalog-admin"))
                .claim("provider", provider)
                .build());
    }

    /** A token that expired a minute ago, to show it is refused. */
    public static String expiredToken(String subject, String tenant, String... roles) {
        return sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(SERVICE_AUDIENCES)
                .subject(subject)
                .issueTime(Date.from(Instant.now().minusSeconds(3600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(60)))
                .claim("tenant", tenant)
                .claim("roles", List.of(roles))
                .build());
    }

    /** The PEM file of the public key, written once per JVM. */
    public static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                Path file = Files.createTempFile("picloud-test-jwt", ".pub");
                file.toFile().deleteOnExit();
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                Files.writeString(file, pem);
                publicKeyFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    private static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(KEYS.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
