package fr.picloud.localstack.issuer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running local issuer: for {@code picloud token} and {@code picloud status}. */
public final class IssuerClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI issuer;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    public IssuerClient(URI issuer) {
        this.issuer = issuer;
    }

    /** An access token for a demo account; fails with the issuer's explanation or a hint to start the stack. */
    public String mint(String account) throws IOException, InterruptedException {
        URI uri = issuer.resolve(
                LocalTokenController.PATH + "/" + URLEncoder.encode(account, StandardCharsets.UTF_8) + "/tokens");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException("no issuer answers at " + issuer + ": start the stack with ./picloud up", e);
        }
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IOException(body.path("detail").asString("the issuer answered " + response.statusCode()));
        }
        return body.path("access_token").asString();
    }

    public boolean isUp() {
        HttpRequest request = HttpRequest.newBuilder(issuer.resolve("/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
