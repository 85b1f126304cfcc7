package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.integer;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requireSuccess;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.single;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.VOLUME;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openstack4j.api.Builders;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.storage.block.Volume;

/** A Cinder volume: ready once available, gone once Cinder answers 404. Found by name only. */
final class VolumeHandler implements ResourceHandler {

    private final OpenStackGateway gateway;

    VolumeHandler(OpenStackGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.VOLUME;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        String name = spec.name();
        List<? extends Volume> found = gateway.inProject(
                projectId,
                VOLUME,
                "find volume",
                SAFE,
                c -> c.blockStorage().volumes().list(Map.of("name", name)));
        return single(
                        found.stream()
                                .filter(v -> name.equals(v.getName()))
                                .filter(v -> v.getStatus() != Volume.Status.DELETING)
                                .toList(),
                        "volume",
                        name)
                .map(v -> resource(v, name));
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        int sizeGb = integer(spec, "sizeGb")
                .filter(size -> size > 0)
                .orElseThrow(() -> new CloudException(
                        false,
                        "a volume needs a positive sizeGb, got "
                                + spec.properties().get("sizeGb")));
        Volume volume = gateway.inProject(
                projectId,
                VOLUME,
                "create volume",
                ONCE,
                c -> c.blockStorage()
                        .volumes()
                        .create(Builders.volume()
                                .name(spec.name())
                                .size(sizeGb)
                                .description("PI Cloud " + spec.name())
                                .build()));
        return resource(volume, spec.name());
    }

    @Override
    public Readiness readiness(String projectId, CloudResource resource) {
        Volume volume = show(projectId, resource.id());
        if (volume == null) {
            return new Readiness.Failed("volume " + resource.id() + " no longer exists");
        }
        return switch (volume.getStatus()) {
            case AVAILABLE, IN_USE ->
                new Readiness.Ready(resource(volume, Objects.toString(resource.attribute("name"), volume.getName())));
            case ERROR, ERROR_DELETING, ERROR_RESTORING ->
                new Readiness.Failed("volume " + resource.id() + " is in status "
                        + volume.getStatus().value());
            default -> new Readiness.Pending(String.valueOf(volume.getStatus().value()));
        };
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        String id = resource.id();
        return gateway.inProjectWhileBusy(projectId, VOLUME, "delete volume", SAFE, c -> {
            ActionResponse response = c.blockStorage().volumes().delete(id);
            if (!response.isSuccess() && response.getCode() == 400) {
                // "Volume status must be available or error...": still attached or detaching
                throw OpenStackFailure.ofStatus(VOLUME, "delete volume", 409, response.getFault(), true, null);
            }
            if (!requireSuccess(response, VOLUME, "delete volume", true)) {
                return true;
            }
            Volume left = c.blockStorage().volumes().get(id);
            return left == null;
        });
    }

    /** The volume as Cinder shows it now, or null once it is gone. */
    Volume show(String projectId, String id) {
        return gateway.inProject(
                projectId,
                VOLUME,
                "show volume",
                SAFE,
                c -> c.blockStorage().volumes().get(id));
    }

    private CloudResource resource(Volume volume, String name) {
        return new CloudResource(
                kind().wireName(), volume.getId(), Map.of("name", name, "sizeGb", Integer.toString(volume.getSize())));
    }
}
