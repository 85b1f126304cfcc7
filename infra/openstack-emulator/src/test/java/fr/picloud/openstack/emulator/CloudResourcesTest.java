package fr.picloud.openstack.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.openstack.emulator.EmulatorClient.Reply;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Wire-level behaviour of the resource APIs that openstack4j hides: error bodies, isolation, inventory. */
class CloudResourcesTest extends EmulatorTestBase {

    @Test
    void a_new_server_builds_then_becomes_active_with_an_address_on_its_network() {
        String networkId = networkWithSubnet(demo, "app", "10.1.0.0/24");

        Reply boot = bootServer(demo, "web-1", networkId, "{}");

        assertThat(boot.status()).isEqualTo(202);
        String serverId = boot.body().path("server").path("id").asString();
        assertThat(serverStatus(demo, serverId)).isEqualTo("BUILD");
        awaitServerStatus(demo, serverId, "ACTIVE");
        JsonNode addresses = demo.get("/compute/v2.1/servers/" + serverId)
                .body()
                .path("server")
                .path("addresses");
        assertThat(addresses.path("app").get(0).path("addr").asString()).isEqualTo("10.1.0.2");
    }

    @Test
    void another_project_sees_none_of_the_demo_projects_resources() {
        String networkId = networkWithSubnet(demo, "private", "10.2.0.0/24");
        String serverId = bootServer(demo, "secret", networkId, "{}")
                .body()
                .path("server")
                .path("id")
                .asString();
        admin.post("/v3/projects", """
                {"project": {"name": "other"}}""");
        String otherProject = admin.get("/v3/projects?name=other")
                .body()
                .path("projects")
                .get(0)
                .path("id")
                .asString();
        String userId =
                admin.post("/v3/users", """
                        {"user": {"name": "bob", "password": "pw"}}""").body().path("user").path("id").asString();
        String member = admin.get("/v3/roles?name=member")
                .body()
                .path("roles")
                .get(0)
                .path("id")
                .asString();
        admin.put("/v3/projects/" + otherProject + "/users/" + userId + "/roles/" + member, "");
        EmulatorClient bob = new EmulatorClient(emulator).as("bob", "pw", "other");

        assertThat(bob.get("/compute/v2.1/servers").body().path("servers")).isEmpty();
        assertThat(bob.get("/compute/v2.1/servers/" + serverId).status()).isEqualTo(404);
        assertThat(bob.get("/network/v2.0/networks/" + networkId).status()).isEqualTo(404);
        assertThat(bob.get("/network/v2.0/networks").body().path("networks").findValuesAsString("name"))
                .containsExactly("public");
    }

    @Test
    void errors_come_in_each_services_own_shape() {
        Reply nova = demo.get("/compute/v2.1/servers/missing");
        assertThat(nova.status()).isEqualTo(404);
        assertThat(nova.body().path("itemNotFound").path("message").asString())
                .isEqualTo("Instance missing could not be found.");

        Reply neutron = demo.get("/network/v2.0/networks/missing");
        assertThat(neutron.status()).isEqualTo(404);
        assertThat(neutron.body().path("NeutronError").path("type").asString()).isEqualTo("NetworkNotFound");

        Reply badRequest = demo.post("/network/v2.0/subnets", "{not json");
        assertThat(badRequest.status()).isEqualTo(400);
        assertThat(badRequest.body().path("NeutronError").path("message").asString())
                .startsWith("Malformed");

        Reply unauthenticated = new EmulatorClient(emulator).get("/compute/v2.1/servers");
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.body().path("error").path("code").asInt()).isEqualTo(401);
    }

    @Test
    void a_network_with_a_port_cannot_be_deleted() {
        String networkId = networkWithSubnet(demo, "busy", "10.3.0.0/24");
        demo.post("/network/v2.0/ports", """
                {"port": {"network_id": "%s"}}""".formatted(networkId));

        Reply delete = demo.delete("/network/v2.0/networks/" + networkId);

        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.body().path("NeutronError").path("type").asString()).isEqualTo("NetworkInUse");
    }

    @Test
    void nova_quota_refuses_the_server_over_the_limit_with_403() {
        String projectId = demo.get("/v3/auth/projects")
                .body()
                .path("projects")
                .get(0)
                .path("id")
                .asString();
        assertThat(admin.put("/compute/v2.1/os-quota-sets/" + projectId, """
                        {"quota_set": {"instances": 1}}""").status())
                .isEqualTo(200);
        String networkId = networkWithSubnet(demo, "q", "10.4.0.0/24");
        assertThat(bootServer(demo, "first", networkId, "{}").status()).isEqualTo(202);

        Reply second = bootServer(demo, "second", networkId, "{}");

        assertThat(second.status()).isEqualTo(403);
        assertThat(second.body().path("forbidden").path("message").asString())
                .isEqualTo("Quota exceeded for instances: Requested 1, but already used 1 of 1 instances");
    }

    @Test
    void cinder_quota_refuses_the_volume_over_the_limit_with_413() {
        String projectId = demo.get("/v3/auth/projects")
                .body()
                .path("projects")
                .get(0)
                .path("id")
                .asString();
        admin.put("/volume/v3/" + projectId + "/os-quota-sets/" + projectId, """
                {"quota_set": {"gigabytes": 5}}""");

        Reply tooBig = demo.post("/volume/v3/" + projectId + "/volumes", """
                {"volume": {"size": 6, "name": "big"}}""");

        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.body().path("overLimit").path("message").asString())
                .startsWith("VolumeSizeExceedsAvailableQuota");
    }

    @Test
    void the_inventory_lists_live_resources_per_project_until_reset() {
        String networkId = networkWithSubnet(demo, "inv", "10.5.0.0/24");
        bootServer(demo, "counted", networkId, "{}");
        String projectId = demo.get("/v3/auth/projects")
                .body()
                .path("projects")
                .get(0)
                .path("id")
                .asString();

        JsonNode inventory = demo.get("/_emulator/inventory").body();

        JsonNode project = inventory.path("projects").path(projectId);
        assertThat(project.path("servers").findValuesAsString("name")).containsExactly("counted");
        assertThat(project.path("networks").findValuesAsString("name")).containsExactly("inv");
        assertThat(project.path("ports")).hasSize(1);
        assertThat(inventory.path("total").asInt()).isEqualTo(4);

        assertThat(demo.post("/_emulator/reset", "").status()).isEqualTo(204);

        assertThat(demo.get("/_emulator/inventory").body().path("total").asInt())
                .isZero();
        assertThat(demo.get("/compute/v2.1/servers").status())
                .as("seeded users and projects survive a reset, and so do their tokens")
                .isEqualTo(200);
    }

    @Test
    void a_volume_goes_from_creating_to_available_to_in_use_and_back() {
        String projectId = demo.get("/v3/auth/projects")
                .body()
                .path("projects")
                .get(0)
                .path("id")
                .asString();
        String networkId = networkWithSubnet(demo, "vol", "10.6.0.0/24");
        String serverId = bootServer(demo, "db", networkId, "{}")
                .body()
                .path("server")
                .path("id")
                .asString();
        String volumeId = demo.post("/volume/v3/" + projectId + "/volumes", """
                        {"volume": {"size": 1, "name": "data"}}""")
                .body()
                .path("volume")
                .path("id")
                .asString();
        String volumePath = "/volume/v3/" + projectId + "/volumes/" + volumeId;
        assertThat(demo.get(volumePath).body().path("volume").path("status").asString())
                .isEqualTo("creating");
        await("volume available")
                .atMost(Duration.ofSeconds(5))
                .until(
                        () -> demo.get(volumePath)
                                .body()
                                .path("volume")
                                .path("status")
                                .asString(),
                        "available"::equals);
        awaitServerStatus(demo, serverId, "ACTIVE");

        Reply attach =
                demo.post("/compute/v2.1/servers/" + serverId + "/os-volume_attachments", """
                {"volumeAttachment": {"volumeId": "%s"}}""".formatted(volumeId));
        assertThat(attach.status()).isEqualTo(200);
        assertThat(attach.body().path("volumeAttachment").path("device").asString())
                .isEqualTo("/dev/vdb");
        assertThat(demo.get(volumePath).body().path("volume").path("status").asString())
                .isEqualTo("in-use");
        assertThat(demo.delete(volumePath).status())
                .as("an attached volume cannot be deleted")
                .isEqualTo(400);

        assertThat(demo.delete("/compute/v2.1/servers/" + serverId + "/os-volume_attachments/" + volumeId)
                        .status())
                .isEqualTo(202);
        assertThat(demo.get(volumePath).body().path("volume").path("status").asString())
                .isEqualTo("available");
    }

    /** Found by comparing with a real Nova (Zed, infra/openstack-dev): the emulator was more lenient. */
    @Test
    void nova_behaves_by_microversion_and_vm_state_as_the_real_one() {
        String networkId = networkWithSubnet(demo, "versions", "10.9.0.0/24");
        HttpRequest.Builder at246 =
                demo.request("/compute/v2.1/servers").header("OpenStack-API-Version", "compute 2.46");
        Reply taggedBoot =
                demo.send(at246.POST(HttpRequest.BodyPublishers.ofString("""
                        {"server": {"name": "tagged", "flavorRef": "1", "imageRef": "%s",
                          "networks": [{"uuid": "%s"}], "tags": ["t1"]}}""".formatted(imageId(), networkId)))
                        .build());
        assertThat(taggedBoot.status()).as("tags in a boot request need 2.52").isEqualTo(400);
        assertThat(taggedBoot.body().path("badRequest").path("message").asString())
                .contains("Additional properties are not allowed ('tags' was unexpected)");

        String serverId = bootServer(demo, "building", networkId, "{}")
                .body()
                .path("server")
                .path("id")
                .asString();
        Reply retagWhileBuilding = demo.send(demo.request("/compute/v2.1/servers/" + serverId + "/tags")
                .header("OpenStack-API-Version", "compute 2.46")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"tags\": [\"t1\"]}"))
                .build());
        assertThat(retagWhileBuilding.status()).isEqualTo(409);
        assertThat(retagWhileBuilding
                        .body()
                        .path("conflictingRequest")
                        .path("message")
                        .asString())
                .isEqualTo("Cannot 'update tags' instance " + serverId + " while it is in vm_state building");
        awaitServerStatus(demo, serverId, "ACTIVE");
        Reply retagActive = demo.send(demo.request("/compute/v2.1/servers/" + serverId + "/tags")
                .header("OpenStack-API-Version", "compute 2.46")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"tags\": [\"t1\"]}"))
                .build());
        assertThat(retagActive.status()).isEqualTo(200);

        Reply keypair = demo.send(demo.request("/compute/v2.1/os-keypairs")
                .header("OpenStack-API-Version", "compute 2.46")
                .POST(HttpRequest.BodyPublishers.ofString("{\"keypair\": {\"name\": \"k\"}}"))
                .build());
        assertThat(keypair.status()).as("201 from 2.2 on").isEqualTo(201);
        assertThat(demo.post("/compute/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"k21\"}}")
                        .status())
                .as("200 at 2.1")
                .isEqualTo(200);

        String demoProject = admin.get("/v3/projects?name=demo")
                .body()
                .path("projects")
                .get(0)
                .path("id")
                .asString();
        Reply quota = demo.send(demo.request("/compute/v2.1/os-quota-sets/" + demoProject)
                .header("OpenStack-API-Version", "compute 2.46")
                .GET()
                .build());
        assertThat(quota.body().path("quota_set").has("floating_ips"))
                .as("2.36 dropped the proxied network quotas")
                .isFalse();
        assertThat(demo.get("/compute/v2.1/os-quota-sets/" + demoProject)
                        .body()
                        .path("quota_set")
                        .has("floating_ips"))
                .isTrue();
    }
}
