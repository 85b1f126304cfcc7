package fr.picloud.localstack.issuer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mints an access token for a demo account without a sign-in, for scripts, {@code picloud token} and
 * tests. Local only: this endpoint is what makes the issuer a development tool that must never be deployed.
 */
@RestController
class LocalTokenController {

    static final String PATH = "/local/accounts";

    private final JwtEncoder encoder;
    private final AuthorizationServerSettings settings;
    private final IssuerProperties properties;

    LocalTokenController(JwtEncoder encoder, AuthorizationServerSettings settings, IssuerProperties properties) {
        this.encoder = encoder;
        this.settings = settings;
        this.properties = properties;
    }

    /**
     * A token for a demo account, for every service's audience; with {@code audience}, for those
     * audiences only (to show that a service refuses a token the issuer signed for someone else).
     */
    @PostMapping(PATH + "/{account}/tokens")
    MintedToken mint(@PathVariable String account, @RequestParam(required = false) List<String> audience) {
        DemoAccount demo = DemoAccount.named(account).orElseThrow(() -> new UnknownAccountException(account));
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(settings.getIssuer())
                .audience(audience == null || audience.isEmpty() ? properties.audiences() : audience)
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(properties.mintedTokenLifetime()));
        DemoClaims.add(demo, claims);
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build()))
                .getTokenValue();
        return new MintedToken(token, "Bearer", properties.mintedTokenLifetime().toSeconds());
    }

    @ExceptionHandler
    ProblemDetail unknownAccount(UnknownAccountException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND,
                "No demo account is named '" + e.account + "'. Demo accounts: "
                        + String.join(", ", DemoAccount.names()));
        problem.setTitle("Unknown demo account");
        return problem;
    }

    /** The answer of a token endpoint (RFC 6749 section 5.1). */
    record MintedToken(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {

        @Override
        public String toString() {
            return "MintedToken[" + tokenType + ", expires in " + expiresIn + " s]";
        }
    }

    static final class UnknownAccountException extends RuntimeException {
        private final String account;

        UnknownAccountException(String account) {
            super("unknown demo account");
            this.account = account;
        }
    }
}
