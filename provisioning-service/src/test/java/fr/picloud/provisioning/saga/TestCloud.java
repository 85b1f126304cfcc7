package fr.picloud.provisioning.saga;

import fr.picloud.openstack.emulator.EmulatorSettings;
import fr.picloud.openstack.emulator.OpenStackEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One in-process OpenStack emulator for every saga test of this JVM, with its fault plan and its
 * inventory (what exists, per project) at hand.
 */
public final class TestCloud {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static OpenStackEmulator emulator;

    private final HttpClient http = HttpClient.newHttpClient();

    public static synchronized TestCloud get() {
        if (emulator == null) {
            emulator = OpenStackEmulator.start(EmulatorSettings.forTests().withPort(0));
        }
        return new TestCloud();
    }

    /** Points the service's OpenStack adapter at the emulator, as its platform service account. */
    public static void register(DynamicPropertyRegistry properties) {
        TestCloud cloud = get();
        properties.add("picloud.openstack.auth-url", () -> emulator.authUrl());
        properties.add("picloud.openstack.username", () -> "admin");
        properties.add("picloud.openstack.password", () -> "admin");
        properties.add("picloud.openstack.project-name", () -> "admin");
        properties.add("picloud.openstack.user-domain-name", () -> "Default");
        properties.add("picloud.openstack.project-domain-name", () -> "Default");
        cloud.clearFaults();
    }

    public String url() {
        return emulator.url().toString();
    }

    public void faults(String planJson) {
        send(HttpRequest.newBuilder(control("/_emulator/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(planJson)));
    }

    public void clearFaults() {
        send(HttpRequest.newBuilder(control("/_emulator/faults")).DELETE());
    }

    /** {"total": n, "projects": {id: {"servers": [{id, name, status}], ...}}} */
    public JsonNode inventory(String projectId) {
        return JSON.readTree(send(HttpRequest.newBuilder(
                        control("/_emulator/inventory" + (projectId == null ? "" : "?project=" + projectId)))
                .GET()));
    }

    /** The names of every resource of a kind in a project (servers, networks, volumes, floatingips...). */
    public List<String> names(String projectId, String kind) {
        List<String> names = new ArrayList<>();
        inventory(projectId)
                .path("projects")
                .path(projectId)
                .path(kind)
                .forEach(entry -> names.add(entry.path("name").asString()));
        return names;
    }

    /** Every resource of a project, but ports (made by Nova and Neutron themselves) and key pairs. */
    public int resourcesIn(String projectId) {
        JsonNode project = inventory(projectId).path("projects").path(projectId);
        int count = 0;
        for (String kind : project.propertyNames()) {
            if (!kind.equals("ports")) {
                count += project.path(kind).size();
            }
        }
        return count;
    }

    /** Deletes a project as the cloud's administrator: what a tenant meets when the cloud forgot it. */
    public void deleteProject(String projectId) {
        HttpResponse<String> login = exchange(HttpRequest.newBuilder(control("/v3/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"auth": {"identity": {"methods": ["password"], "password": {"user":
                            {"name": "admin", "domain": {"name": "Default"}, "password": "admin"}}},
                          "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}""")));
        send(HttpRequest.newBuilder(control("/v3/projects/" + projectId))
                .header(
                        "X-Auth-Token",
                        login.headers().firstValue("X-Subject-Token").orElseThrow())
                .DELETE());
    }

    private URI control(String path) {
        return URI.create(url().replaceAll("/$", "") + path);
    }

    private String send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    "emulator control answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("emulator control unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
