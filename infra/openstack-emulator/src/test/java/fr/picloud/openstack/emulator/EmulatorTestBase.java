package fr.picloud.openstack.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.openstack.emulator.EmulatorClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openstack4j.model.common.ActionResponse;

/** One emulator per test class, emptied before each test; the demo user works in project "demo". */
abstract class EmulatorTestBase {

    static OpenStackEmulator emulator;
    EmulatorClient demo;
    EmulatorClient admin;

    @BeforeAll
    static void startEmulator() {
        emulator = OpenStackEmulator.start(0);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void emptyCloud() {
        emulator.reset();
        demo = new EmulatorClient(emulator).as("demo", "demo", "demo");
        admin = new EmulatorClient(emulator).as("admin", "admin", "admin");
    }

    String imageId() {
        return demo.get("/image/v2/images?name=cirros-0.6.2-x86_64-disk")
                .body()
                .path("images")
                .get(0)
                .path("id")
                .asString();
    }

    /** A network with one subnet, as a provisioning saga lays it out; returns the network id. */
    String networkWithSubnet(EmulatorClient client, String name, String cidr) {
        Reply network = client.post("/network/v2.0/networks", """
                {"network": {"name": "%s"}}""".formatted(name));
        assertThat(network.status()).isEqualTo(201);
        String networkId = network.body().path("network").path("id").asString();
        Reply subnet = client.post("/network/v2.0/subnets", """
                {"subnet": {"name": "%s-subnet", "network_id": "%s", "ip_version": 4, "cidr": "%s"}}""".formatted(name, networkId, cidr));
        assertThat(subnet.status()).isEqualTo(201);
        return networkId;
    }

    Reply bootServer(EmulatorClient client, String name, String networkId, String metadataJson) {
        return client.post("/compute/v2.1/servers", """
                {"server": {"name": "%s", "flavorRef": "1", "imageRef": "%s",
                  "networks": [{"uuid": "%s"}], "metadata": %s}}""".formatted(name, imageId(), networkId, metadataJson));
    }

    /** Boots a server and returns its id. */
    String bootedServerId(EmulatorClient client, String name, String networkId, String metadataJson) {
        Reply boot = bootServer(client, name, networkId, metadataJson);
        assertThat(boot.status()).as("boot of " + name).isEqualTo(202);
        return boot.body().path("server").path("id").asString();
    }

    String serverStatus(EmulatorClient client, String serverId) {
        return client.get("/compute/v2.1/servers/" + serverId)
                .body()
                .path("server")
                .path("status")
                .asString();
    }

    /** How openstack4j reports a refusal: not a success, the HTTP status, the message of the error body. */
    static void assertRefused(ActionResponse response, int status, String message) {
        assertThat(response.isSuccess()).as("refused: " + message).isFalse();
        assertThat(response.getCode()).isEqualTo(status);
        assertThat(response.getFault()).isEqualTo(message);
    }

    void awaitServerStatus(EmulatorClient client, String serverId, String status) {
        await("server " + serverId + " reaching " + status)
                .atMost(Duration.ofSeconds(10))
                .until(() -> serverStatus(client, serverId), status::equals);
    }
}
