package fr.picloud.openstack.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstack4j.api.compute.ServerService;
import org.openstack4j.model.compute.Action;
import org.openstack4j.model.compute.RebootType;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.compute.Server.Status;

/**
 * Nova's day-2 server actions as provisioning-service sends them through openstack4j: resize with its
 * confirmation or revert, reboot, stop and start; each transition, and each refusal with Nova's words.
 * Transitions take the test build time (300 ms); where a test looks at a state in the middle of one,
 * the fault plan stretches it to a minute so that nothing races the clock.
 */
class ServerDayTwoTest extends EmulatorTestBase {

    private static final String TINY = "1";
    private static final String MEDIUM = "3";
    private static final String LARGE = "4";

    private OpenStack4jSession session;
    private String networkId;

    @BeforeEach
    void logIn() {
        session = OpenStack4jSession.login(emulator, "demo", "demo", "demo");
        networkId = networkWithSubnet(demo, "day-two", "10.20.0.0/24");
    }

    @Test
    void a_resize_waits_in_verify_resize_with_the_new_flavor_and_its_confirmation_makes_it_the_servers_own() {
        String id = activeServer("web");

        assertThat(servers().resize(id, MEDIUM).isSuccess()).isTrue();

        awaitStatus(id, Status.VERIFY_RESIZE);
        assertThat(server(id).getFlavorId()).isEqualTo(MEDIUM);
        assertThat(server(id).getVmState()).isEqualTo("resized");
        assertThat(coresInUse()).as("quota usage follows the new flavor").isEqualTo(2);
        // on the wire: openstack4j reports every success as 200
        assertThat(action(id, "{\"confirmResize\": null}").status())
                .as("Nova answers a confirmation 204")
                .isEqualTo(204);
        assertThat(server(id).getStatus()).isEqualTo(Status.ACTIVE);
        assertThat(server(id).getFlavorId()).isEqualTo(MEDIUM);
        assertThat(coresInUse()).isEqualTo(2);
    }

    @Test
    void a_resize_under_way_shows_resize_with_the_former_flavor_and_cannot_be_confirmed_yet() {
        String id = activeServer("web");
        stretchTransitions();

        assertThat(servers().resize(id, MEDIUM).isSuccess()).isTrue();

        assertState(id, Status.RESIZE, "resize_prep", TINY);
        assertRefused(
                servers().confirmResize(id),
                409,
                "Cannot 'confirmResize' instance " + id + " while it is in vm_state active");
        assertRefused(
                servers().resize(id, LARGE),
                409,
                "Cannot 'resize' instance " + id + " while it is in task_state resize_prep");
    }

    @Test
    void a_reverted_resize_gives_the_server_its_former_flavor_back() {
        String id = activeServer("web");
        servers().resize(id, MEDIUM);
        awaitStatus(id, Status.VERIFY_RESIZE);

        assertThat(action(id, "{\"revertResize\": null}").status()).isEqualTo(202);

        awaitStatus(id, Status.ACTIVE);
        assertThat(server(id).getFlavorId()).isEqualTo(TINY);
        assertThat(coresInUse()).isEqualTo(1);
    }

    @Test
    void a_revert_under_way_shows_revert_resize_with_the_new_flavor_until_it_is_done() {
        String id = activeServer("web");
        servers().resize(id, MEDIUM);
        awaitStatus(id, Status.VERIFY_RESIZE);
        stretchTransitions();

        servers().revertResize(id);

        assertState(id, Status.REVERT_RESIZE, "resize_reverting", MEDIUM);
        assertRefused(
                servers().revertResize(id),
                409,
                "Cannot 'revertResize' instance " + id + " while it is in task_state resize_reverting");
    }

    @Test
    void a_stopped_server_is_resized_and_stays_stopped_once_confirmed() {
        String id = activeServer("batch");
        servers().action(id, Action.STOP);

        assertThat(servers().resize(id, MEDIUM).isSuccess()).isTrue();
        awaitStatus(id, Status.VERIFY_RESIZE);
        servers().confirmResize(id);

        assertThat(server(id).getStatus()).isEqualTo(Status.SHUTOFF);
        assertThat(server(id).getFlavorId()).isEqualTo(MEDIUM);
    }

    @Test
    void a_resize_is_refused_to_the_same_flavor_to_an_unknown_one_and_to_a_server_still_building() {
        String id = activeServer("web");
        String building = bootedServerId(demo, "slow", networkId, """
                {"emulator:build-ms": "60000"}""");

        assertRefused(servers().resize(id, TINY), 400, "When resizing, instances must change flavor!");
        assertRefused(servers().resize(id, "99"), 400, "Flavor 99 could not be found.");
        assertRefused(
                servers().resize(building, MEDIUM),
                409,
                "Cannot 'resize' instance " + building + " while it is in vm_state building");
        assertThat(server(id).getStatus()).isEqualTo(Status.ACTIVE);
    }

    @Test
    void a_resize_beyond_the_cores_quota_is_refused_for_the_growth_only() {
        String id = activeServer("web");
        admin.put("/compute/v2.1/os-quota-sets/" + session.projectId(), """
                {"quota_set": {"cores": 2}}""");

        assertRefused(
                servers().resize(id, LARGE),
                403,
                "Quota exceeded for cores: Requested 3, but already used 1 of 2 cores");
        assertThat(servers().resize(id, MEDIUM).isSuccess())
                .as("one more core fits")
                .isTrue();
    }

    @Test
    void reverting_a_downsize_fails_as_zed_fails_it_when_the_cores_it_takes_back_are_gone() {
        String id = activeServer("web");
        servers().resize(id, MEDIUM);
        awaitStatus(id, Status.VERIFY_RESIZE);
        servers().confirmResize(id);
        admin.put("/compute/v2.1/os-quota-sets/" + session.projectId(), """
                {"quota_set": {"cores": 2}}""");
        assertThat(servers().resize(id, TINY).isSuccess())
                .as("a downsize needs no quota")
                .isTrue();
        awaitStatus(id, Status.VERIFY_RESIZE);
        activeServer("neighbour");

        // Zed's revertResize expects no quota error: its API answers it as an unexpected one
        assertRefused(
                servers().revertResize(id),
                500,
                "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API "
                        + "log if possible.\n<class 'nova.exception.TooManyInstances'>");
        assertThat(server(id).getStatus()).isEqualTo(Status.VERIFY_RESIZE);
    }

    @Test
    void confirming_or_reverting_a_server_that_was_not_resized_is_a_conflict() {
        String id = activeServer("web");

        assertRefused(
                servers().confirmResize(id),
                409,
                "Cannot 'confirmResize' instance " + id + " while it is in vm_state active");
        assertRefused(
                servers().revertResize(id),
                409,
                "Cannot 'revertResize' instance " + id + " while it is in vm_state active");
    }

    @Test
    void a_soft_reboot_shows_reboot_then_the_server_is_active_again() {
        String id = activeServer("web");

        assertThat(servers().reboot(id, RebootType.SOFT).isSuccess()).isTrue();

        awaitStatus(id, Status.ACTIVE);
        assertThat(server(id).getTaskState()).isNull();
    }

    @Test
    void a_reboot_under_way_refuses_another_soft_one_but_not_a_hard_one() {
        String id = activeServer("web");
        stretchTransitions();

        servers().reboot(id, RebootType.SOFT);

        assertState(id, Status.REBOOT, "rebooting", TINY);
        assertRefused(
                servers().reboot(id, RebootType.SOFT),
                409,
                "Cannot 'reboot' instance " + id + " while it is in task_state rebooting");
        assertThat(servers().reboot(id, RebootType.HARD).isSuccess()).isTrue();
        assertState(id, Status.HARD_REBOOT, "rebooting_hard", TINY);
    }

    @Test
    void a_stopped_server_refuses_a_soft_reboot_and_a_hard_one_powers_it_on() {
        String id = activeServer("web");
        servers().action(id, Action.STOP);

        assertRefused(
                servers().reboot(id, RebootType.SOFT),
                409,
                "Cannot 'reboot' instance " + id + " while it is in vm_state stopped");
        assertThat(servers().reboot(id, RebootType.HARD).isSuccess()).isTrue();
        awaitStatus(id, Status.ACTIVE);
    }

    @Test
    void stop_and_start_are_refused_in_the_wrong_state() {
        String id = activeServer("web");

        assertRefused(
                servers().action(id, Action.START),
                409,
                "Cannot 'start' instance " + id + " while it is in vm_state active");
        assertThat(servers().action(id, Action.STOP).isSuccess()).isTrue();
        assertThat(server(id).getStatus()).isEqualTo(Status.SHUTOFF);
        assertRefused(
                servers().action(id, Action.STOP),
                409,
                "Cannot 'stop' instance " + id + " while it is in vm_state stopped");
        assertThat(servers().action(id, Action.START).isSuccess()).isTrue();
        assertThat(server(id).getStatus()).isEqualTo(Status.ACTIVE);
    }

    @Test
    void the_fault_plan_fails_a_resize_without_resizing_and_loses_the_answer_of_a_reboot_it_carried_out() {
        String id = activeServer("web");
        admin.put("/_emulator/faults", """
                {"createFailures": {"server_resize": {"status": 500}}, "lostResponses": {"server_reboot": 1},
                 "serverBuildMs": 60000}""");

        assertRefused(
                servers().resize(id, MEDIUM),
                500,
                "The server_resize action failed, injected by the emulator's fault plan.");
        assertThat(server(id).getStatus()).isEqualTo(Status.ACTIVE);
        // on the wire: openstack4j takes a 503 to a server action for a success
        assertThat(action(id, "{\"reboot\": {\"type\": \"SOFT\"}}").status()).isEqualTo(503);
        assertThat(server(id).getStatus()).as("the reboot went ahead").isEqualTo(Status.REBOOT);
        assertThat(servers().resize(id, MEDIUM).getFault())
                .as("the planned failure is spent: Nova's own refusal")
                .isEqualTo("Cannot 'resize' instance " + id + " while it is in task_state rebooting");
    }

    private EmulatorClient.Reply action(String serverId, String json) {
        return demo.post("/compute/v2.1/servers/" + serverId + "/action", json);
    }

    private ServerService servers() {
        return session.client().compute().servers();
    }

    private Server server(String id) {
        return servers().get(id);
    }

    private String activeServer(String name) {
        String id = bootedServerId(demo, name, networkId, "{}");
        awaitStatus(id, Status.ACTIVE);
        return id;
    }

    private void awaitStatus(String id, Status status) {
        await("server " + id + " reaching " + status)
                .atMost(Duration.ofSeconds(10))
                .until(() -> server(id).getStatus(), status::equals);
    }

    /** Transitions started from now on take a minute: a test can look at the state they pass through. */
    private void stretchTransitions() {
        assertThat(admin.put("/_emulator/faults", "{\"serverBuildMs\": 60000}").status())
                .isEqualTo(200);
    }

    private int coresInUse() {
        return demo.get("/compute/v2.1/os-quota-sets/" + session.projectId() + "/detail")
                .body()
                .path("quota_set")
                .path("cores")
                .path("in_use")
                .asInt();
    }

    private void assertState(String id, Status status, String taskState, String flavorId) {
        Server server = server(id);
        assertThat(server.getStatus()).isEqualTo(status);
        assertThat(server.getTaskState()).isEqualTo(taskState);
        assertThat(server.getFlavorId()).isEqualTo(flavorId);
    }
}
