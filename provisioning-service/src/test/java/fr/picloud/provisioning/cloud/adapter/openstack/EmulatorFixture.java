package fr.picloud.provisioning.cloud.adapter.openstack;

import fr.picloud.openstack.emulator.EmulatorSettings;
import fr.picloud.openstack.emulator.OpenStackEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An in-process emulator with its fault plan and per-project inventory, and adapters logged into it. */
final class EmulatorFixture implements AutoCloseable {

    private final OpenStackEmulator emulator = OpenStackEmulator.start(EmulatorSettings.forTests());
    private final HttpClient http = HttpClient.newHttpClient();

    /** Settings the tests rely on, set here rather than taken from application.yml. */
    OpenStackProperties properties() {
        return OpenStackProperties.password(emulator.authUrl(), "admin", "admin", "admin")
                .withResilience(new OpenStackProperties.Resilience(
                        new OpenStackProperties.Retry(3, Duration.ofMillis(5), 2.0, 0.5, Duration.ofMillis(40)),
                        new OpenStackProperties.CircuitBreaker(50f, 20, 10, Duration.ofMinutes(5), 1),
                        new OpenStackProperties.Bulkhead(16, Duration.ofMillis(500))));
    }

    OpenStack4jCloud cloud() {
        return OpenStack4jCloud.create(properties());
    }

    void reset() {
        emulator.reset();
    }

    void faults(String plan) {
        send(HttpRequest.newBuilder(control("/_emulator/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(plan)));
    }

    void clearFaults() {
        send(HttpRequest.newBuilder(control("/_emulator/faults")).DELETE());
    }

    /** Names of the live resources of a kind (networks, servers, volumes, keypairs...) in a project. */
    List<String> names(String projectId, String kind) {
        JsonNode inventory = JsonMapper.shared()
                .readTree(send(HttpRequest.newBuilder(control("/_emulator/inventory?project=" + projectId))
                        .GET()));
        List<String> names = new ArrayList<>();
        inventory
                .path("projects")
                .path(projectId)
                .path(kind)
                .forEach(e -> names.add(e.path("name").asString()));
        return names;
    }

    int total(String projectId) {
        return JsonMapper.shared()
                .readTree(send(HttpRequest.newBuilder(control("/_emulator/inventory?project=" + projectId))
                        .GET()))
                .path("total")
                .asInt();
    }

    private URI control(String path) {
        return URI.create(emulator.url() + path);
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("emulator answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String authUrl() {
        return emulator.authUrl();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
