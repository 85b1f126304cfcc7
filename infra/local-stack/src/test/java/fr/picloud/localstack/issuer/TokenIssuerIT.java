package fr.picloud.localstack.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.localstack.FreePorts;
import fr.picloud.localstack.StackHome;
import fr.picloud.localstack.service.PiCloudService;
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
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
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
    /** Every service the stack runs accepts only tokens for its own name. */
    /** The services that accept tokens (the portal is a client of the issuer, not a resource server). */
    static final List<String> SERVICES = Arrays.stream(PiCloudService.values())
            .filter(service -> service != PiCloudService.PORTAL)
            .map(PiCloudService::module)
            .toList();

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
    void a_token_minted_for_another_audience_is_for_that_audience_only() throws Exception {
        HttpResponse<String> minted = http.send(
                HttpRequest.newBuilder(issuer.issuerUri()
                                .resolve(LocalTokenController.PATH + "/agent-police/tokens?audience=another-client"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Jwt jwt = JwtDecoders.fromIssuerLocation("http://localhost:" + port)
                .decode(json.readTree(minted.body()).path("access_token").asString());

        assertThat(jwt.getAudience()).containsExactly("another-client");
    }

    @Test
    void a_minted_token_is_for_every_service() throws Exception {
        Jwt jwt = JwtDecoders.fromIssuerLocation("http://localhost:" + port)
                .decode(new IssuerClient(issuer.issuerUri()).mint("agent-police"));

        assertThat(jwt.getAudience()).containsAll(SERVICES);
    }

    @Test
    void the_portals_sign_in_gives_an_access_token_for_every_service() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        signIn(
                browser,
                "agent-police",
                Files.readString(repository.resolve(".picloud/demo-password")).strip());
        String verifier = "a-code-verifier-of-the-portal-long-enough-for-pkce-0123456789";
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        // the portal's registered redirect URI; on a loopback address the issuer accepts any port (RFC 8252)
        String callback = "http://127.0.0.1:5173/login/oauth2/code/picloud";
        HttpResponse<Void> authorized = browser.send(
                HttpRequest.newBuilder(issuer.issuerUri()
                                .resolve("/oauth2/authorize?response_type=code&client_id=picloud-portal&scope=openid"
                                        + "&redirect_uri=" + encode(callback) + "&code_challenge=" + challenge
                                        + "&code_challenge_method=S256"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String location = authorized.headers().firstValue("Location").orElseThrow();
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertThat(code.find())
                .as("redirected to the portal with a code: " + location)
                .isTrue();

        HttpResponse<String> tokens = http.send(
                HttpRequest.newBuilder(issuer.issuerUri().resolve("/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=authorization_code&client_id=picloud-portal"
                                        + "&code=" + code.group(1) + "&redirect_uri=" + encode(callback)
                                        + "&code_verifier="
                                        + verifier))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        Jwt accessToken = JwtDecoders.fromIssuerLocation("http://localhost:" + port)
                .decode(json.readTree(tokens.body()).path("access_token").asString());

        assertThat(accessToken.getSubject()).isEqualTo("agent-police");
        assertThat(accessToken.getClaimAsString("tenant")).isEqualTo("police");
        assertThat(accessToken.getAudience()).containsAll(SERVICES).contains("picloud-portal");
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
        return signIn(
                HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                account,
                password);
    }

    private static String signIn(HttpClient browser, String account, String password)
            throws IOException, InterruptedException {
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
