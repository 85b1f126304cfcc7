package fr.picloud.localstack.demo;

import fr.picloud.localstack.issuer.IssuerClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP as the demo's accounts: a token per account from the issuer, JSON in and out. */
final class DemoHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Reply(int status, String body) {

        JsonNode json() {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final IssuerClient issuer;
    private final Map<String, String> tokens = new HashMap<>();

    DemoHttp(URI issuer) {
        this.issuer = new IssuerClient(issuer);
    }

    Reply get(String account, URI base, String path) {
        return send(account, HttpRequest.newBuilder(base.resolve(path)).GET(), "application/json");
    }

    Reply getCsv(String account, URI base, String path) {
        return send(account, HttpRequest.newBuilder(base.resolve(path)).GET(), "text/csv");
    }

    Reply post(String account, URI base, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        return send(account, request, "application/json");
    }

    Reply put(String account, URI base, String path, Object body) {
        return send(
                account,
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
                "application/json");
    }

    Reply delete(URI base, String path) {
        return send(null, HttpRequest.newBuilder(base.resolve(path)).DELETE(), "application/json");
    }

    private Reply send(String account, HttpRequest.Builder request, String accept) {
        request.timeout(Duration.ofSeconds(60)).header("Accept", accept);
        if (account != null) {
            request.header("Authorization", "Bearer " + token(account));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, "interrupted");
        }
    }

    private String token(String account) {
        return tokens.computeIfAbsent(account, name -> {
            try {
                return issuer.mint(name);
            } catch (IOException e) {
                throw new DemoFailure("could not get a token for " + name + " from the issuer: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailure("interrupted");
            }
        });
    }

    static final class DemoFailure extends RuntimeException {
        DemoFailure(String message) {
            super(message);
        }
    }
}
