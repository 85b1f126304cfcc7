package fr.picloud.openstack.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.openstack.emulator.EmulatorClient.Reply;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstack4j.api.Builders;
import org.openstack4j.api.storage.BlockVolumeService;
import org.openstack4j.api.storage.BlockVolumeSnapshotService;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.storage.block.Volume;
import org.openstack4j.model.storage.block.VolumeSnapshot;

/**
 * Cinder's day-2 calls as provisioning-service sends them through openstack4j: extending a volume
 * and taking, listing and deleting snapshots; each transition and each refusal with Cinder's words.
 * What openstack4j cannot send (a microversion header) goes on the wire directly. Where a test looks
 * at a state in the middle of a transition, the fault plan stretches it to a minute.
 */
class VolumeDayTwoTest extends EmulatorTestBase {

    private OpenStack4jSession session;

    @BeforeEach
    void logIn() {
        session = OpenStack4jSession.login(emulator, "demo", "demo", "demo");
    }

    @Test
    void an_extended_volume_is_extending_at_its_former_size_then_available_at_the_new_one() {
        String id = availableVolume("data", 1);
        stretchTransitions();

        assertThat(volumes().extend(id, 3).isSuccess()).isTrue();

        // on the wire: openstack4j 3.12 has no "extending" and reads it as UNRECOGNIZED
        assertThat(demo.get("/volume/v3/" + session.projectId() + "/volumes/" + id)
                        .body()
                        .path("volume")
                        .path("status")
                        .asString())
                .isEqualTo("extending");
        assertThat(volumes().get(id).getStatus()).isEqualTo(Volume.Status.UNRECOGNIZED);
        assertRefused(
                volumes().extend(id, 3),
                400,
                "Invalid volume: Volume " + id + " status must be '{'status': 'available'}' to extend, currently "
                        + "extending.");
        assertThat(volumes().get(id).getSize()).isEqualTo(1);
        assertThat(quotaInUse("gigabytes"))
                .as("Cinder reserves the growth at once")
                .isEqualTo(3);
        admin.delete("/_emulator/faults");
        String other = availableVolume("other", 1);
        assertThat(volumes().extend(other, 2).isSuccess()).isTrue();
        awaitVolumeStatus(other, Volume.Status.AVAILABLE);
        assertThat(volumes().get(other).getSize()).isEqualTo(2);
    }

    @Test
    void an_extension_must_grow_the_volume_and_fit_the_gigabytes_quota() {
        String id = availableVolume("data", 2);
        admin.put("/volume/v3/" + session.projectId() + "/os-quota-sets/" + session.projectId(), """
                {"quota_set": {"gigabytes": 4}}""");

        assertRefused(
                volumes().extend(id, 2),
                400,
                "Invalid input received: New size for extend must be greater than current size. (current: 2, "
                        + "extended: 2).");
        assertRefused(
                volumes().extend(id, 5),
                413,
                "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. "
                        + "Requested 3G, quota is 4G and 2G has been consumed.");
        assertThat(volumes().get(id).getSize()).isEqualTo(2);
    }

    @Test
    void an_attached_volume_is_extended_only_from_microversion_3_42() {
        String volumeId = availableVolume("data", 1);
        String serverId = attachedTo(volumeId);

        assertRefused(
                volumes().extend(volumeId, 2),
                400,
                "Invalid volume: Volume " + volumeId + " status must be '{'status': 'available'}' to extend, "
                        + "currently in-use.");
        Reply extended =
                demo.send(demo.request("/volume/v3/" + session.projectId() + "/volumes/" + volumeId + "/action")
                        .header("OpenStack-API-Version", "volume 3.42")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"os-extend\": {\"new_size\": 2}}"))
                        .build());

        assertThat(extended.status()).isEqualTo(202);
        awaitVolumeStatus(volumeId, Volume.Status.IN_USE);
        assertThat(volumes().get(volumeId).getSize()).isEqualTo(2);
        assertThat(serverStatus(demo, serverId)).isEqualTo("ACTIVE");
    }

    @Test
    void a_snapshot_is_creating_then_available_counts_in_the_quotas_and_keeps_its_volume_until_deleted() {
        String volumeId = availableVolume("data", 2);

        VolumeSnapshot created = snapshots()
                .create(Builders.volumeSnapshot()
                        .name("nightly")
                        .volume(volumeId)
                        .description("before the upgrade")
                        .build());

        assertThat(created.getStatus()).isEqualTo(Volume.Status.CREATING);
        await("snapshot " + created.getId() + " available")
                .atMost(Duration.ofSeconds(10))
                .until(() -> snapshots().get(created.getId()).getStatus(), Volume.Status.AVAILABLE::equals);
        VolumeSnapshot found = snapshots().list(Map.of("name", "nightly")).getFirst();
        assertThat(found.getId()).isEqualTo(created.getId());
        assertThat(found.getVolumeId()).isEqualTo(volumeId);
        assertThat(found.getSize()).isEqualTo(2);
        assertThat(snapshots().list(Map.of("name", "weekly"))).isEmpty();
        assertThat(quotaInUse("snapshots")).isEqualTo(1);
        assertThat(quotaInUse("gigabytes")).as("the volume and its snapshot").isEqualTo(4);
        assertThat(demo.get("/_emulator/inventory?project=" + session.projectId())
                        .body()
                        .path("projects")
                        .path(session.projectId())
                        .path("snapshots")
                        .findValuesAsString("id"))
                .containsExactly(created.getId());
        assertRefused(
                volumes().delete(volumeId),
                400,
                "Invalid volume: Volume status must be available or error or error_restoring or error_extending or "
                        + "error_managing and must not be migrating, attached, belong to a group, have snapshots, "
                        + "awaiting a transfer, or be disassociated from snapshots after volume transfer.");

        assertThat(snapshots().delete(created.getId()).isSuccess()).isTrue();

        assertThat(snapshots().get(created.getId())).isNull();
        assertThat(volumes().delete(volumeId).isSuccess()).isTrue();
        assertThat(demo.get("/_emulator/inventory?project=" + session.projectId())
                        .body()
                        .path("total")
                        .asInt())
                .isZero();
    }

    @Test
    void a_snapshot_of_an_attached_volume_needs_force() {
        String volumeId = availableVolume("data", 1);
        attachedTo(volumeId);

        Reply unforced = demo.post("/volume/v3/" + session.projectId() + "/snapshots", """
                {"snapshot": {"volume_id": "%s", "name": "hot"}}""".formatted(volumeId));
        VolumeSnapshot forced = snapshots()
                .create(Builders.volumeSnapshot().volume(volumeId).force(true).build());

        assertThat(unforced.status()).isEqualTo(400);
        assertThat(unforced.body().path("badRequest").path("message").asString())
                .isEqualTo("Invalid volume: Volume " + volumeId
                        + " status must be available, but current status is: in-use.");
        assertThat(forced.getStatus()).isEqualTo(Volume.Status.CREATING);
        assertThat(snapshots().list(Map.of("name", "hot")))
                .as("a snapshot without a name is not one named hot")
                .isEmpty();
    }

    @Test
    void snapshots_are_refused_beyond_their_quota_and_cannot_be_deleted_while_creating() {
        String volumeId = availableVolume("data", 1);
        admin.put("/volume/v3/" + session.projectId() + "/os-quota-sets/" + session.projectId(), """
                {"quota_set": {"snapshots": 1}}""");
        stretchTransitions();
        String first = snapshot(volumeId, "first").getId();

        Reply second = demo.post("/volume/v3/" + session.projectId() + "/snapshots", """
                {"snapshot": {"volume_id": "%s", "name": "second"}}""".formatted(volumeId));

        assertThat(second.status()).isEqualTo(413);
        assertThat(second.body().path("overLimit").path("message").asString())
                .isEqualTo("SnapshotLimitExceeded: Maximum number of snapshots allowed (1) exceeded");
        assertRefused(
                snapshots().delete(first),
                400,
                "Invalid snapshot: Snapshot status must be available or error and must not be part of a group.");
        assertThat(demo.get("/volume/v3/" + session.projectId() + "/snapshots/missing")
                        .body()
                        .path("itemNotFound")
                        .path("message")
                        .asString())
                .isEqualTo("Snapshot missing could not be found.");
    }

    @Test
    void the_fault_plan_fails_snapshot_calls_and_loses_the_answer_of_an_extension_it_carried_out() {
        String volumeId = availableVolume("data", 1);
        admin.put("/_emulator/faults", """
                {"createFailures": {"snapshot": {"status": 500}}, "lostResponses": {"volume_extend": 1},
                 "deleteFailures": {"snapshot": 1}}""");

        Reply failed = demo.post("/volume/v3/" + session.projectId() + "/snapshots", """
                {"snapshot": {"volume_id": "%s", "name": "doomed"}}""".formatted(volumeId));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(snapshots().list()).as("a failed create makes nothing").isEmpty();
        ActionResponse lost = volumes().extend(volumeId, 2);
        assertThat(lost.getCode()).isEqualTo(503);
        awaitVolumeStatus(volumeId, Volume.Status.AVAILABLE);
        assertThat(volumes().get(volumeId).getSize())
                .as("the extension went ahead")
                .isEqualTo(2);

        String snapshotId = snapshot(volumeId, "kept").getId();
        await("snapshot available")
                .atMost(Duration.ofSeconds(10))
                .until(() -> snapshots().get(snapshotId).getStatus(), Volume.Status.AVAILABLE::equals);
        assertThat(snapshots().delete(snapshotId).getCode()).isEqualTo(500);
        assertThat(snapshots().get(snapshotId)).isNotNull();
        assertThat(snapshots().delete(snapshotId).isSuccess()).isTrue();
    }

    private BlockVolumeService volumes() {
        return session.client().blockStorage().volumes();
    }

    private BlockVolumeSnapshotService snapshots() {
        return session.client().blockStorage().snapshots();
    }

    private String availableVolume(String name, int sizeGb) {
        String id = volumes()
                .create(Builders.volume().name(name).size(sizeGb).build())
                .getId();
        awaitVolumeStatus(id, Volume.Status.AVAILABLE);
        return id;
    }

    private VolumeSnapshot snapshot(String volumeId, String name) {
        return snapshots()
                .create(Builders.volumeSnapshot().name(name).volume(volumeId).build());
    }

    /** Attaches the volume to a new server, through Nova as the saga does; returns the server id. */
    private String attachedTo(String volumeId) {
        String serverId = bootedServerId(demo, "app", networkWithSubnet(demo, "app", "10.30.0.0/24"), "{}");
        awaitServerStatus(demo, serverId, "ACTIVE");
        assertThat(demo.post("/compute/v2.1/servers/" + serverId + "/os-volume_attachments", """
                        {"volumeAttachment": {"volumeId": "%s"}}""".formatted(volumeId))
                        .status())
                .isEqualTo(200);
        return serverId;
    }

    private void awaitVolumeStatus(String id, Volume.Status status) {
        await("volume " + id + " " + status)
                .atMost(Duration.ofSeconds(10))
                .until(() -> volumes().get(id).getStatus(), status::equals);
    }

    /** Volume transitions started from now on take a minute. */
    private void stretchTransitions() {
        assertThat(admin.put("/_emulator/faults", "{\"volumeTransitionMs\": 60000}")
                        .status())
                .isEqualTo(200);
    }

    private int quotaInUse(String resource) {
        return demo.get("/volume/v3/" + session.projectId() + "/os-quota-sets/" + session.projectId() + "?usage=true")
                .body()
                .path("quota_set")
                .path(resource)
                .path("in_use")
                .asInt();
    }
}
