package fr.picloud.openstack.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.openstack.emulator.EmulatorClient.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultInjectionTest extends EmulatorTestBase {

    @Test
    void an_error_rate_of_one_fails_every_call_of_that_service_only() {
        assertThat(admin.put("/_emulator/faults", """
                        {"seed": 1, "services": {"compute": {"errorRate": 1.0, "errorStatus": 503}}}""").status()).isEqualTo(200);

        Reply compute = demo.get("/compute/v2.1/servers");
        assertThat(compute.status()).isEqualTo(503);
        assertThat(compute.body().path("serviceUnavailable").path("code").asInt())
                .isEqualTo(503);
        assertThat(demo.get("/network/v2.0/networks").status()).isEqualTo(200);

        assertThat(admin.delete("/_emulator/faults").status()).isEqualTo(204);
        assertThat(demo.get("/compute/v2.1/servers").status()).isEqualTo(200);
    }

    @Test
    void the_same_seed_gives_the_same_sequence_of_failures() {
        String plan = """
                {"seed": 42, "services": {"network": {"errorRate": 0.5}}}""";

        admin.put("/_emulator/faults", plan);
        List<Integer> first = statusesOf(20, "/network/v2.0/networks");
        admin.put("/_emulator/faults", plan);
        List<Integer> second = statusesOf(20, "/network/v2.0/networks");

        assertThat(first).containsOnly(200, 500).contains(200, 500);
        assertThat(second).isEqualTo(first);
    }

    private List<Integer> statusesOf(int calls, String path) {
        return IntStream.range(0, calls).mapToObj(i -> demo.get(path).status()).toList();
    }

    @Test
    void a_hung_call_answers_only_once_the_faults_are_cleared() {
        admin.put("/_emulator/faults", """
                {"seed": 7, "services": {"volume": {"hangRate": 1.0}}}""");
        CompletableFuture<HttpResponse<String>> hung = demo.getAsync("/volume/");

        await("other services still answer while a volume call hangs")
                .atMost(Duration.ofSeconds(5))
                .until(() -> demo.get("/compute/v2.1/flavors").status() == 200);
        assertThat(hung).isNotDone();

        admin.delete("/_emulator/faults");
        await("the hung call released").atMost(Duration.ofSeconds(5)).until(hung::isDone);
        assertThat(hung.join().statusCode()).isEqualTo(503);
    }

    @Test
    void a_server_error_rate_of_one_makes_servers_end_in_error() {
        String networkId = networkWithSubnet(demo, "err", "10.7.0.0/24");
        admin.put("/_emulator/faults", """
                {"seed": 3, "serverErrorRate": 1.0}""");

        String serverId = bootServer(demo, "doomed", networkId, "{}")
                .body()
                .path("server")
                .path("id")
                .asString();

        awaitServerStatus(demo, serverId, "ERROR");
        assertThat(demo.get("/compute/v2.1/servers/" + serverId)
                        .body()
                        .path("server")
                        .path("fault")
                        .path("message")
                        .asString())
                .startsWith("No valid host was found");
    }

    @Test
    void planned_delete_failures_fail_that_many_deletes_then_let_them_through() {
        String networkId = networkWithSubnet(demo, "del", "10.8.0.0/24");
        String serverId = bootServer(demo, "sticky", networkId, "{}")
                .body()
                .path("server")
                .path("id")
                .asString();
        admin.put("/_emulator/faults", """
                {"seed": 0, "deleteFailures": {"server": 2}}""");

        assertThat(demo.delete("/compute/v2.1/servers/" + serverId).status()).isEqualTo(500);
        assertThat(demo.delete("/compute/v2.1/servers/" + serverId).status()).isEqualTo(500);
        assertThat(demo.delete("/compute/v2.1/servers/" + serverId).status()).isEqualTo(204);
        assertThat(demo.get("/compute/v2.1/servers/" + serverId).status()).isEqualTo(404);
    }

    @Test
    void a_misspelt_fault_plan_is_refused() {
        Reply reply = admin.put("/_emulator/faults", """
                {"seed": 1, "services": {"compute": {"errorRatio": 1.0}}}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(demo.get("/compute/v2.1/servers").status()).isEqualTo(200);
    }

    @Test
    void a_metadata_trigger_fails_one_server_and_not_its_neighbour() {
        String networkId = networkWithSubnet(demo, "meta", "10.9.0.0/24");

        String failing = bootServer(demo, "bad", networkId, """
                        {"emulator:fate": "error"}""")
                .body()
                .path("server")
                .path("id")
                .asString();
        String healthy = bootServer(demo, "good", networkId, "{}")
                .body()
                .path("server")
                .path("id")
                .asString();

        awaitServerStatus(demo, failing, "ERROR");
        awaitServerStatus(demo, healthy, "ACTIVE");
    }

    @Test
    void a_lost_response_still_creates_the_server_which_is_found_again_by_name() {
        String networkId = networkWithSubnet(demo, "lost", "10.10.0.0/24");

        Reply boot = bootServer(demo, "order-42-vm", networkId, """
                {"emulator:response-lost": "503"}""");

        assertThat(boot.status()).isEqualTo(503);
        Reply found = demo.get("/compute/v2.1/servers?name=%5Eorder-42-vm%24");
        assertThat(found.body().path("servers").findValuesAsString("name")).containsExactly("order-42-vm");
    }

    @Test
    void a_create_failure_trigger_creates_nothing() {
        String networkId = networkWithSubnet(demo, "nothing", "10.11.0.0/24");

        Reply boot = bootServer(demo, "never", networkId, """
                {"emulator:create-fails": "500"}""");

        assertThat(boot.status()).isEqualTo(500);
        assertThat(boot.body().path("computeFault").path("code").asInt()).isEqualTo(500);
        assertThat(demo.get("/compute/v2.1/servers").body().path("servers")).isEmpty();
    }

    @Test
    void planned_create_failures_of_a_kind_fail_that_many_creates_and_create_nothing() {
        String networkId = networkWithSubnet(demo, "plan", "10.12.0.0/24");
        admin.put("/_emulator/faults", """
                {"createFailures": {"subnet": {"count": 2, "status": 400}}}""");
        String subnet = """
                {"subnet": {"network_id": "%s", "ip_version": 4, "cidr": "10.13.0.0/24"}}""".formatted(networkId);

        Reply first = demo.post("/network/v2.0/subnets", subnet);
        assertThat(first.status()).isEqualTo(400);
        assertThat(first.body().path("NeutronError").path("message").asString()).contains("subnet");
        assertThat(demo.post("/network/v2.0/subnets", subnet).status()).isEqualTo(400);
        assertThat(demo.get("/network/v2.0/subnets?cidr=10.13.0.0/24").body().path("subnets"))
                .isEmpty();
        assertThat(demo.post("/network/v2.0/networks", """
                        {"network": {"name": "other-kinds-unaffected"}}""").status()).isEqualTo(201);
        assertThat(demo.post("/network/v2.0/subnets", subnet).status()).isEqualTo(201);
    }

    @Test
    void a_planned_lost_response_creates_the_resource_but_answers_503() {
        admin.put("/_emulator/faults", """
                {"lostResponses": {"router": 1}}""");

        Reply lost = demo.post("/network/v2.0/routers", """
                {"router": {"name": "pi-1-router"}}""");
        Reply next = demo.post("/network/v2.0/routers", """
                {"router": {"name": "pi-2-router"}}""");

        assertThat(lost.status()).isEqualTo(503);
        assertThat(next.status()).isEqualTo(201);
        assertThat(demo.get("/network/v2.0/routers").body().path("routers").findValuesAsString("name"))
                .containsExactlyInAnyOrder("pi-1-router", "pi-2-router");
    }

    @Test
    void a_planned_lost_response_on_a_key_pair_keeps_the_key_pair() {
        admin.put("/_emulator/faults", """
                {"lostResponses": {"keypair": 1}}""");

        Reply lost = demo.post("/compute/v2.1/os-keypairs", """
                {"keypair": {"name": "pi-1-keypair"}}""");

        assertThat(lost.status()).isEqualTo(503);
        assertThat(demo.get("/compute/v2.1/os-keypairs/pi-1-keypair").status()).isEqualTo(200);
    }

    @Test
    void a_fault_plan_with_an_unknown_kind_is_refused() {
        Reply reply = admin.put("/_emulator/faults", """
                {"createFailures": {"subnets": {"count": 1}}}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("error").path("message").asString()).contains("subnets");
    }

    @Test
    void the_plan_sets_the_build_time_of_servers_created_from_then_on() {
        String networkId = networkWithSubnet(demo, "slow", "10.14.0.0/24");
        admin.put("/_emulator/faults", """
                {"serverBuildMs": 3600000}""");
        String slow = bootServer(demo, "slow", networkId, "{}")
                .body()
                .path("server")
                .path("id")
                .asString();
        admin.delete("/_emulator/faults");
        String quick = bootServer(demo, "quick", networkId, "{}")
                .body()
                .path("server")
                .path("id")
                .asString();

        awaitServerStatus(demo, quick, "ACTIVE");
        assertThat(serverStatus(demo, slow)).isEqualTo("BUILD");
    }
}
