package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requireSuccess;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.required;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.COMPUTE;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.compute.VolumeAttachment;
import org.openstack4j.model.storage.block.Volume;

/** A volume attached to a server: in use once attached, undone by detaching (a deleted server detaches too). */
final class VolumeAttachmentHandler implements ResourceHandler {

    private final OpenStackGateway gateway;
    private final VolumeHandler volumes;

    VolumeAttachmentHandler(OpenStackGateway gateway, VolumeHandler volumes) {
        this.gateway = gateway;
        this.volumes = volumes;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.VOLUME_ATTACHMENT;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        String serverId = spec.input(ResourceKind.SERVER.wireName()).id();
        String volumeId = spec.input(ResourceKind.VOLUME.wireName()).id();
        Volume volume = volumes.show(projectId, volumeId);
        if (volume == null || volume.getAttachments() == null) {
            return Optional.empty();
        }
        return volume.getAttachments().stream()
                .filter(a -> serverId.equals(a.getServerId()))
                .findFirst()
                .map(a -> resource(volumeId, serverId, spec.name()));
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        String serverId = spec.input(ResourceKind.SERVER.wireName()).id();
        String volumeId = spec.input(ResourceKind.VOLUME.wireName()).id();
        VolumeAttachment attachment = gateway.inProjectWhileBusy(
                projectId,
                COMPUTE,
                "attach volume",
                ONCE,
                c -> c.compute().servers().attachVolume(serverId, volumeId, null));
        if (attachment == null) {
            throw new CloudException(false, "OpenStack compute call 'attach volume' answered nothing");
        }
        return resource(volumeId, serverId, spec.name());
    }

    @Override
    public Readiness readiness(String projectId, CloudResource resource) {
        String serverId = required(resource, "serverId");
        Volume volume = volumes.show(projectId, required(resource, "volumeId"));
        if (volume == null) {
            return new Readiness.Failed("volume " + resource.attribute("volumeId") + " no longer exists");
        }
        boolean attached = volume.getAttachments() != null
                && volume.getAttachments().stream().anyMatch(a -> serverId.equals(a.getServerId()));
        if (volume.getStatus() == Volume.Status.IN_USE && attached) {
            return new Readiness.Ready(resource);
        }
        if (volume.getStatus() == Volume.Status.ERROR) {
            return new Readiness.Failed("volume " + volume.getId() + " is in status "
                    + volume.getStatus().value());
        }
        if (volume.getStatus() == Volume.Status.AVAILABLE && !attached) {
            return new Readiness.Failed("volume " + volume.getId() + " was not attached to server " + serverId);
        }
        return new Readiness.Pending(volume.getStatus().value());
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        String serverId = required(resource, "serverId");
        String volumeId = required(resource, "volumeId");
        gateway.inProjectWhileBusy(
                projectId,
                COMPUTE,
                "detach volume",
                SAFE,
                c -> requireSuccess(
                        c.compute().servers().detachVolume(serverId, volumeId), COMPUTE, "detach volume", true));
        Volume volume = volumes.show(projectId, volumeId);
        if (volume == null || volume.getStatus() == Volume.Status.AVAILABLE) {
            return true;
        }
        boolean stillAttached = volume.getAttachments() != null
                && volume.getAttachments().stream().anyMatch(a -> serverId.equals(a.getServerId()));
        if (!stillAttached) {
            return true;
        }
        Server server = gateway.inProject(
                projectId,
                COMPUTE,
                "show server",
                SAFE,
                c -> c.compute().servers().get(serverId));
        return server == null;
    }

    /** Nova names an attachment by its volume's id. */
    private CloudResource resource(String volumeId, String serverId, String name) {
        return new CloudResource(
                kind().wireName(), volumeId, Map.of("name", name, "serverId", serverId, "volumeId", volumeId));
    }
}
