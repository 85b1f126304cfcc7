package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requireSuccess;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requiredString;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.single;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.VOLUME;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.OperationPlanner;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.api.Builders;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.storage.block.Volume;
import org.openstack4j.model.storage.block.VolumeSnapshot;

/**
 * A Cinder snapshot of one of the order's volumes, named after the step like every resource the
 * saga makes, so that a crash between the call and its answer finds it instead of taking a second
 * one. Forced, since the volume is usually attached to its server. Ready once {@code available}; gone
 * once Cinder answers 404.
 */
final class VolumeSnapshotHandler implements ResourceHandler {

    private final OpenStackGateway gateway;

    VolumeSnapshotHandler(OpenStackGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.VOLUME_SNAPSHOT;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        String name = spec.name();
        List<? extends VolumeSnapshot> found = gateway.inProject(
                projectId,
                VOLUME,
                "find snapshot",
                SAFE,
                c -> c.blockStorage().snapshots().list(Map.of("name", name)));
        return single(
                        found.stream()
                                .filter(s -> name.equals(s.getName()))
                                .filter(s -> s.getStatus() != Volume.Status.DELETING)
                                .toList(),
                        "snapshot",
                        name)
                .map(this::resource);
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        String volumeId = requiredString(spec, OperationPlanner.TARGET_ID);
        VolumeSnapshot snapshot = gateway.inProject(
                projectId,
                VOLUME,
                "create snapshot",
                ONCE,
                c -> c.blockStorage()
                        .snapshots()
                        .create(Builders.volumeSnapshot()
                                .name(spec.name())
                                .volume(volumeId)
                                .force(true)
                                .description("PI Cloud " + spec.name())
                                .build()));
        if (snapshot == null) {
            // openstack4j answers null where Cinder answered 404 (a cloud without snapshots, a volume gone)
            throw new CloudException(
                    false, "Cinder made no snapshot of volume " + volumeId + ": the snapshot API answered nothing");
        }
        return resource(snapshot);
    }

    @Override
    public Readiness readiness(String projectId, CloudResource resource) {
        VolumeSnapshot snapshot = show(projectId, resource.id());
        if (snapshot == null) {
            return new Readiness.Failed("snapshot " + resource.id() + " no longer exists");
        }
        return switch (snapshot.getStatus()) {
            case AVAILABLE -> new Readiness.Ready(resource(snapshot));
            case ERROR, ERROR_DELETING ->
                new Readiness.Failed("snapshot " + resource.id() + " is in status "
                        + snapshot.getStatus().value());
            default -> new Readiness.Pending(snapshot.getStatus().value());
        };
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        String id = resource.id();
        return gateway.inProjectWhileBusy(projectId, VOLUME, "delete snapshot", SAFE, c -> {
            ActionResponse response = c.blockStorage().snapshots().delete(id);
            if (!requireSuccess(response, VOLUME, "delete snapshot", true)) {
                return true;
            }
            return c.blockStorage().snapshots().get(id) == null;
        });
    }

    private VolumeSnapshot show(String projectId, String id) {
        return gateway.inProject(
                projectId,
                VOLUME,
                "show snapshot",
                SAFE,
                c -> c.blockStorage().snapshots().get(id));
    }

    private CloudResource resource(VolumeSnapshot snapshot) {
        return new CloudResource(
                kind().wireName(),
                snapshot.getId(),
                Map.of(
                        "name", snapshot.getName(),
                        "volumeId", String.valueOf(snapshot.getVolumeId()),
                        "sizeGb", Integer.toString(snapshot.getSize())));
    }
}
