package fr.picloud.localstack.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.localstack.FreePorts;
import fr.picloud.localstack.StackHome;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The local issuer as the services and {@code picloud token} use it, started the way {@code picloud up} starts it. */
class TokenIssuerIT {

    @TempDir
    static Path repository;

    static int port;
    static TokenIssuer issuer;
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startIssuer() {
        port = FreePorts.next();
        issuer = new TokenIssuer(port, new StackHome(repository), Map.of());
        issuer.start();
    }

    @AfterAll
    static void stopIssuer() {
        issuer.stop();
    }

    @Test
    void a_minted_token_verifies_against_the_issuers_discovery_and_carries_the_accounts_tenant_and_roles()
            throws Exception {
        String token = new IssuerClient(issuer.issuerUri()).mint("approver-police");

        JwtDecoder decoder = JwtDecoders.fromIssuerLocation("http://localhost:" + port);
        Jwt jwt = decoder.decode(token);

        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
        assertThat(jwt.getSubject()).isEqualTo("approver-police");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("http://localhost:" + port);
        assertThat(jwt.getClaimAsString("tenant")).isEqualTo("police");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("approver");
        assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
    }

    @Test
    void an_unknown_account_is_refused_with_a_problem_detail_listing_the_demo_accounts() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(issuer.issuerUri().resolve("/local/accounts/mallory/tokens"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("title").asString()).isEqualTo("Unknown demo account");
        assertThat(problem.path("detail").asString()).contains("mallory", "approver-police", "platform-admin");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
    }

    @Test
    void the_generated_demo_password_is_readable_by_its_owner_only_and_signs_a_demo_account_in() throws Exception {
        Path passwordFile = repository.resolve(".picloud/demo-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
        String password = Files.readString(passwordFile).strip();

        assertThat(signIn("finance", password))
                .as("redirect after the right password")
                .doesNotContain("error");
        assertThat(signIn("finance", password + "x"))
                .as("redirect after a wrong password")
                .contains("/login?error");
    }

    @Test
    void tokens_minted_before_a_restart_still_verify_after_it() throws Exception {
        int otherPort = FreePorts.next();
        TokenIssuer first = new TokenIssuer(otherPort, new StackHome(repository.resolve("restart")), Map.of());
        first.start();
        String token;
        try {
            token = new IssuerClient(first.issuerUri()).mint("ops");
        } finally {
            first.stop();
        }

        TokenIssuer second = new TokenIssuer(otherPort, new StackHome(repository.resolve("restart")), Map.of());
        second.start();
        try {
            Jwt jwt = JwtDecoders.fromIssuerLocation("http://localhost:" + otherPort)
                    .decode(token);
            assertThat(jwt.getSubject()).isEqualTo("ops");
        } finally {
            second.stop();
        }
    }

    /** Signs in through the login form as a browser would; returns where the issuer redirects. */
    private static String signIn(String account, String password) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        URI login = issuer.issuerUri().resolve("/login");
        String page = browser.send(HttpRequest.newBuilder(login).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("login page has a CSRF token").isTrue();
        String form =
                "username=" + encode(account) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        HttpResponse<Void> response = browser.send(
                HttpRequest.newBuilder(login)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
