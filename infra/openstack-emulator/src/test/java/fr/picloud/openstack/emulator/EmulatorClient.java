package fr.picloud.openstack.emulator;

import fr.picloud.openstack.emulator.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/** Raw HTTP against the emulator, to check the wire itself: status codes, headers, error bodies. */
final class EmulatorClient {

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private String token;

    EmulatorClient(OpenStackEmulator emulator) {
        this(emulator.url());
    }

    EmulatorClient(URI base) {
        this.base = base;
    }

    /** The same caller, with a token issued earlier (to another emulator, or before a restart). */
    EmulatorClient withToken(String existing) {
        EmulatorClient client = new EmulatorClient(base);
        client.token = existing;
        return client;
    }

    /** Logs in with a project-scoped password token; later calls carry it. */
    EmulatorClient as(String user, String password, String project) {
        Reply reply = post("/v3/auth/tokens", passwordAuth(user, password, project));
        if (reply.status() != 201) {
            throw new IllegalStateException("login as " + user + " failed: " + reply.status() + " " + reply.body());
        }
        token = reply.header("X-Subject-Token");
        return this;
    }

    String token() {
        return token;
    }

    static String passwordAuth(String user, String password, String project) {
        return """
                {"auth": {"identity": {"methods": ["password"], "password": {"user":
                  {"name": "%s", "domain": {"name": "Default"}, "password": "%s"}}},
                  "scope": {"project": {"name": "%s", "domain": {"name": "Default"}}}}}""".formatted(user, password, project);
    }

    Reply get(String path) {
        return send(request(path).GET().build());
    }

    Reply delete(String path) {
        return send(request(path).DELETE().build());
    }

    Reply post(String path, String json) {
        return send(
                request(path).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply put(String path, String json) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return http.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("X-Auth-Token", token);
        }
        return builder;
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            boolean isJson = response.headers()
                    .firstValue("Content-Type")
                    .map(type -> type.startsWith("application/json"))
                    .orElse(false);
            JsonNode body = isJson && !text.isEmpty() ? Json.MAPPER.readTree(text) : Json.object();
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
