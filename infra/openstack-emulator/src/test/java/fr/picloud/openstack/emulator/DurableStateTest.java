package fr.picloud.openstack.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.openstack.emulator.EmulatorClient.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A restarted emulator with a state directory is the same cloud: after a clean stop and after a
 * SIGKILL of its process it finds its projects, users, role grants, tokens (valid as Keystone's
 * survive a restart; revoked ones stay revoked), servers (a resize waiting for its confirmation
 * too), ports, networks, volumes and their attachments and snapshots, key pairs and quotas.
 */
class DurableStateTest {

    @TempDir
    Path stateDirectory;

    private final List<Process> children = new ArrayList<>();
    private OpenStackEmulator inProcess;

    @AfterEach
    void stopEverything() {
        if (inProcess != null) {
            inProcess.close();
        }
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void a_cloud_built_then_stopped_is_found_again_by_the_next_emulator() {
        inProcess = OpenStackEmulator.start(EmulatorSettings.forTests().withStateDirectory(stateDirectory));
        assertThat(inProcess.restored()).as("first start").isFalse();
        Cloud before = buildCloud(inProcess.url());
        inProcess.close();

        inProcess = OpenStackEmulator.start(EmulatorSettings.forTests().withStateDirectory(stateDirectory));
        assertThat(inProcess.restored()).as("second start").isTrue();
        before.isStillThereIn(inProcess.url());
    }

    @Test
    void a_cloud_survives_a_sigkill_of_its_emulator_even_with_a_journal_line_cut_short() throws Exception {
        URI first = startChild();
        Cloud before = buildCloud(first);
        Process process = children.getLast();
        process.destroyForcibly();
        process.waitFor();
        // what a kill in the middle of a write leaves: half a line at the end of the journal
        try (var journals = Files.newDirectoryStream(stateDirectory, "journal-*.log")) {
            for (Path journal : journals) {
                Files.writeString(journal, "0badc0de [{\"table\": \"compute.serv", StandardOpenOption.APPEND);
            }
        }

        URI second = startChild();
        before.isStillThereIn(second);
        // and the cloud keeps working: the next write after the restart lands in a journal that replays
        EmulatorClient demo = new EmulatorClient(second).as("demo", "demo", "demo");
        assertThat(demo.post("/network/v2.0/networks", "{\"network\": {\"name\": \"after-restart\"}}")
                        .status())
                .isEqualTo(201);
        children.getLast().destroyForcibly().waitFor();
        URI third = startChild();
        assertThat(new EmulatorClient(third)
                        .as("demo", "demo", "demo")
                        .get("/network/v2.0/networks?name=after-restart")
                        .body()
                        .path("networks"))
                .hasSize(1);
    }

    @Test
    void a_state_saved_before_servers_had_tasks_and_volumes_extensions_is_read_as_nothing_under_way()
            throws IOException {
        inProcess = OpenStackEmulator.start(EmulatorSettings.forTests().withStateDirectory(stateDirectory));
        Cloud before = buildCloud(inProcess.url());
        inProcess.close();
        // a restart folds the journal into snapshot.json, which carries no checksum to keep
        inProcess = OpenStackEmulator.start(EmulatorSettings.forTests().withStateDirectory(stateDirectory));
        inProcess.close();
        Path snapshot = stateDirectory.resolve("snapshot.json");
        String saved = Files.readString(snapshot);
        String older = saved.replaceAll(",\"task\":\\{[^{}]*(\\{[^{}]*\\}[^{}]*)?\\}", "")
                .replace(",\"extension\":null", "");
        assertThat(older).as("the fields a former emulator did not write").doesNotContain("\"task\"", "\"extension\"");
        Files.writeString(snapshot, older);

        inProcess = OpenStackEmulator.start(EmulatorSettings.forTests().withStateDirectory(stateDirectory));

        EmulatorClient tenant = new EmulatorClient(inProcess.url()).withToken(before.userToken());
        JsonNode server =
                tenant.get("/compute/v2.1/servers/" + before.serverId()).body().path("server");
        assertThat(server.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(server.path("OS-EXT-STS:task_state").isNull()).isTrue();
        assertThat(tenant.get("/volume/v3/" + before.projectId() + "/volumes/" + before.volumeId())
                        .body()
                        .path("volume")
                        .path("status")
                        .asString())
                .isEqualTo("in-use");
    }

    @Test
    void an_emulator_without_a_state_directory_starts_empty_as_before() {
        inProcess = OpenStackEmulator.start(EmulatorSettings.forTests());
        EmulatorClient admin = new EmulatorClient(inProcess.url()).as("admin", "admin", "admin");
        admin.post("/v3/projects", "{\"project\": {\"name\": \"picloud-police\"}}");
        inProcess.close();
        inProcess = OpenStackEmulator.start(EmulatorSettings.forTests());
        admin = new EmulatorClient(inProcess.url()).as("admin", "admin", "admin");
        assertThat(admin.get("/v3/projects?name=picloud-police").body().path("projects"))
                .isEmpty();
    }

    /** What a tenant's saga leaves in the cloud, and what a client holds of it. */
    private record Cloud(
            String projectId,
            String userToken,
            String revokedToken,
            String serverId,
            String volumeId,
            String snapshotId,
            String networkId,
            JsonNode inventory) {

        void isStillThereIn(URI url) {
            EmulatorClient admin = new EmulatorClient(url).as("admin", "admin", "admin");
            assertThat(DurableStateTest.inventory(url))
                    .as("the inventory after the restart")
                    .isEqualTo(inventory);
            assertThat(admin.get("/v3/projects/" + projectId).status()).isEqualTo(200);

            EmulatorClient tenant = new EmulatorClient(url).withToken(userToken);
            Reply validation = admin.send(admin.request("/v3/auth/tokens")
                    .header("X-Subject-Token", userToken)
                    .GET()
                    .build());
            assertThat(validation.status())
                    .as("a token issued before the restart")
                    .isEqualTo(200);
            assertThat(validation
                            .body()
                            .path("token")
                            .path("project")
                            .path("id")
                            .asString())
                    .isEqualTo(projectId);
            assertThat(admin.send(admin.request("/v3/auth/tokens")
                                    .header("X-Subject-Token", revokedToken)
                                    .GET()
                                    .build())
                            .status())
                    .as("a token revoked before the restart")
                    .isEqualTo(404);
            assertThat(new EmulatorClient(url).as("saga", "s3cret-pass", "picloud-police"))
                    .as("the user's password still works")
                    .isNotNull();

            Reply server = tenant.get("/compute/v2.1/servers/" + serverId);
            assertThat(server.status()).isEqualTo(200);
            assertThat(server.body().path("server").path("status").asString()).isEqualTo("VERIFY_RESIZE");
            assertThat(server.body().path("server").path("flavor").path("id").asString())
                    .isEqualTo("2");
            assertThat(tenant.post("/compute/v2.1/servers/" + serverId + "/action", "{\"confirmResize\": null}")
                            .status())
                    .as("the resize begun before the restart is confirmed after it")
                    .isEqualTo(204);
            assertThat(tenant.get("/volume/v3/" + projectId + "/snapshots/" + snapshotId)
                            .body()
                            .path("snapshot")
                            .path("status")
                            .asString())
                    .isEqualTo("available");
            assertThat(server.body()
                            .path("server")
                            .path("addresses")
                            .path("net")
                            .get(0)
                            .path("addr")
                            .asString())
                    .startsWith("10.20.0.");
            assertThat(tenant.get("/volume/v3/" + projectId + "/volumes/" + volumeId)
                            .body()
                            .path("volume")
                            .path("status")
                            .asString())
                    .isEqualTo("in-use");
            assertThat(tenant.get("/compute/v2.1/os-keypairs/saga-key").status())
                    .isEqualTo(200);
            assertThat(admin.get("/network/v2.0/quotas/" + projectId)
                            .body()
                            .path("quota")
                            .path("network")
                            .asInt())
                    .isEqualTo(500);
            // a new port on the old network gets an address and a MAC nobody holds yet
            Reply port = tenant.post("/network/v2.0/ports", """
                    {"port": {"network_id": "%s", "name": "after-restart"}}""".formatted(networkId));
            assertThat(port.status()).isEqualTo(201);
            JsonNode ports = tenant.get("/network/v2.0/ports?network_id=" + networkId)
                    .body()
                    .path("ports");
            assertThat(ports.valueStream().map(p -> p.path("mac_address").asString()))
                    .doesNotHaveDuplicates();
            assertThat(ports.valueStream()
                            .map(p -> p.path("fixed_ips")
                                    .get(0)
                                    .path("ip_address")
                                    .asString()))
                    .doesNotHaveDuplicates();
        }
    }

    private Cloud buildCloud(URI url) {
        EmulatorClient admin = new EmulatorClient(url).as("admin", "admin", "admin");
        String projectId = admin.post("/v3/projects", "{\"project\": {\"name\": \"picloud-police\"}}")
                .body()
                .path("project")
                .path("id")
                .asString();
        String userId = admin.post("/v3/users", """
                        {"user": {"name": "saga", "password": "s3cret-pass", "default_project_id": "%s"}}""".formatted(projectId))
                .body()
                .path("user")
                .path("id")
                .asString();
        String memberRole = admin.get("/v3/roles?name=member")
                .body()
                .path("roles")
                .get(0)
                .path("id")
                .asString();
        assertThat(admin.put("/v3/projects/" + projectId + "/users/" + userId + "/roles/" + memberRole, "")
                        .status())
                .isEqualTo(204);
        assertThat(admin.put("/network/v2.0/quotas/" + projectId, "{\"quota\": {\"network\": 500}}")
                        .status())
                .isEqualTo(200);

        EmulatorClient tenant = new EmulatorClient(url).as("saga", "s3cret-pass", "picloud-police");
        EmulatorClient revoked = new EmulatorClient(url).as("saga", "s3cret-pass", "picloud-police");
        assertThat(admin.send(admin.request("/v3/auth/tokens")
                                .header("X-Subject-Token", revoked.token())
                                .DELETE()
                                .build())
                        .status())
                .isEqualTo(204);

        String networkId = tenant.post("/network/v2.0/networks", "{\"network\": {\"name\": \"net\"}}")
                .body()
                .path("network")
                .path("id")
                .asString();
        assertThat(tenant.post("/network/v2.0/subnets", """
                        {"subnet": {"name": "net-subnet", "network_id": "%s", "ip_version": 4,
                                    "cidr": "10.20.0.0/24"}}""".formatted(networkId))
                        .status())
                .isEqualTo(201);
        assertThat(tenant.post("/compute/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"saga-key\"}}")
                        .status())
                .isEqualTo(200);
        String imageId = tenant.get("/image/v2/images?name=cirros-0.6.2-x86_64-disk")
                .body()
                .path("images")
                .get(0)
                .path("id")
                .asString();
        String serverId = tenant.post("/compute/v2.1/servers", """
                        {"server": {"name": "vm", "flavorRef": "1", "imageRef": "%s", "key_name": "saga-key",
                          "networks": [{"uuid": "%s"}]}}""".formatted(imageId, networkId))
                .body()
                .path("server")
                .path("id")
                .asString();
        String volumeId = tenant.post(
                        "/volume/v3/" + projectId + "/volumes", "{\"volume\": {\"name\": \"data\", \"size\": 1}}")
                .body()
                .path("volume")
                .path("id")
                .asString();
        await("server " + serverId + " ACTIVE and volume " + volumeId + " available")
                .atMost(Duration.ofSeconds(10))
                .until(() -> tenant.get("/compute/v2.1/servers/" + serverId)
                                .body()
                                .path("server")
                                .path("status")
                                .asString()
                                .equals("ACTIVE")
                        && tenant.get("/volume/v3/" + projectId + "/volumes/" + volumeId)
                                .body()
                                .path("volume")
                                .path("status")
                                .asString()
                                .equals("available"));
        assertThat(tenant.post("/compute/v2.1/servers/" + serverId + "/os-volume_attachments", """
                        {"volumeAttachment": {"volumeId": "%s"}}""".formatted(volumeId))
                        .status())
                .isEqualTo(200);
        assertThat(tenant.post("/compute/v2.1/servers/" + serverId + "/action", """
                        {"resize": {"flavorRef": "2"}}""")
                        .status())
                .isEqualTo(202);
        String snapshotId = tenant.post("/volume/v3/" + projectId + "/snapshots", """
                        {"snapshot": {"volume_id": "%s", "name": "data-snap", "force": true}}""".formatted(volumeId))
                .body()
                .path("snapshot")
                .path("id")
                .asString();
        await("server " + serverId + " VERIFY_RESIZE and snapshot " + snapshotId + " available")
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> inventory(url).path("projects").path(projectId).findValuesAsString("status"),
                        statuses -> statuses.contains("VERIFY_RESIZE") && !statuses.contains("creating"));
        JsonNode inventory = inventory(url);
        assertThat(inventory.path("projects").path(projectId).path("servers")).hasSize(1);
        assertThat(inventory.path("projects").path(projectId).path("snapshots")).hasSize(1);
        return new Cloud(
                projectId, tenant.token(), revoked.token(), serverId, volumeId, snapshotId, networkId, inventory);
    }

    private static JsonNode inventory(URI url) {
        return new EmulatorClient(url).get("/_emulator/inventory").body();
    }

    /** The emulator as its own JVM (as {@code java -jar} runs it), so that it can be killed with SIGKILL. */
    private URI startChild() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        OpenStackEmulator.class.getName(),
                        Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Path.of("target", "durable-state-emulator.log").toFile()));
        builder.environment().put("PICLOUD_EMULATOR_STATE_DIR", stateDirectory.toString());
        builder.environment().put("PICLOUD_EMULATOR_SERVER_BUILD_MS", "300");
        builder.environment().put("PICLOUD_EMULATOR_VOLUME_CREATE_MS", "100");
        children.add(builder.start());
        URI url = URI.create("http://127.0.0.1:" + port);
        await("the emulator in its own JVM to answer on port " + port)
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> new EmulatorClient(url).get("/_emulator/health").status() == 200);
        return url;
    }
}
