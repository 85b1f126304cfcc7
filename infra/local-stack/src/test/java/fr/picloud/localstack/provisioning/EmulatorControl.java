package fr.picloud.localstack.provisioning;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator as the drills see it: its fault plan and inventory ({@code /_emulator}), and a few
 * calls as the cloud's administrator (projects made ahead with the quotas a long run needs, ports).
 */
final class EmulatorControl {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    EmulatorControl(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    String authUrl() {
        return base.resolve("/v3").toString();
    }

    void faults(String planJson) {
        send(
                request("/_emulator/faults")
                        .header("Content-Type", "application/json")
                        .PUT(body(planJson)),
                null);
    }

    /** {"total": n, "projects": {id: {"servers": [{id, name, status}], ...}}} */
    JsonNode inventory() {
        return JSON.readTree(send(request("/_emulator/inventory").GET(), null));
    }

    /**
     * Creates the tenant's project {@code picloud-<tenant>} as the provisioning service would on the
     * tenant's first order (it adopts it by name), with Neutron and Cinder counts out of reach: the
     * emulator's defaults (100 networks, 10 routers, 10 volumes per project, as OpenStack's) would
     * refuse a long run's resources, which is a quota test, not this one. (Large numbers rather than
     * -1: the emulator's Nova port check does not read -1 as unlimited.)
     *
     * @return the project id
     */
    String projectWithRoomFor(String tenant) {
        String admin = adminToken();
        JsonNode created = JSON.readTree(send(
                request("/v3/projects")
                        .header("Content-Type", "application/json")
                        .POST(body("{\"project\": {\"name\": \"picloud-" + tenant
                                + "\", \"domain_id\": \"default\", \"enabled\": true}}")),
                admin));
        String projectId = created.path("project").path("id").asString();
        send(
                request("/network/v2.0/quotas/" + projectId)
                        .header("Content-Type", "application/json")
                        .PUT(body("""
                                {"quota": {"network": 1000000, "subnet": 1000000, "port": 1000000, "router": 1000000,
                                           "floatingip": 1000000, "security_group": 1000000,
                                           "security_group_rule": 1000000}}""")),
                admin);
        send(
                request("/volume/v3/" + adminProjectId(admin) + "/os-quota-sets/" + projectId)
                        .header("Content-Type", "application/json")
                        .PUT(body("{\"quota_set\": {\"volumes\": 1000000, \"gigabytes\": 100000000}}")),
                admin);
        return projectId;
    }

    /** The id of the project of this name, as an administrator finds it. */
    String projectId(String name) {
        return JSON.readTree(send(request("/v3/projects?name=" + name).GET(), adminToken()))
                .path("projects")
                .get(0)
                .path("id")
                .asString();
    }

    /** Every Neutron port of a project, with its network and device (as an administrator sees them). */
    JsonNode ports(String projectId) {
        return JSON.readTree(send(
                        request("/network/v2.0/ports?project_id=" + projectId).GET(), adminToken()))
                .path("ports");
    }

    private String adminProjectId(String admin) {
        JsonNode projects =
                JSON.readTree(send(request("/v3/projects?name=admin").GET(), admin));
        return projects.path("projects").get(0).path("id").asString();
    }

    private String adminToken() {
        HttpRequest login = request("/v3/auth/tokens")
                .header("Content-Type", "application/json")
                .POST(body("""
                        {"auth": {"identity": {"methods": ["password"], "password": {"user":
                            {"name": "admin", "domain": {"name": "Default"}, "password": "admin"}}},
                          "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}"""))
                .build();
        HttpResponse<String> response = exchange(login);
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "emulator login answered " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    private String send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        HttpResponse<String> response = exchange(request.build());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("emulator answered " + response.statusCode() + " to "
                    + request.build().uri() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("emulator unreachable at " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
