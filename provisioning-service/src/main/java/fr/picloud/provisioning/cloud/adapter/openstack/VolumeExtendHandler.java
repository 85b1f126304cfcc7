package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.integer;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requireSuccess;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requiredString;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.VOLUME;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.OperationPlanner;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.model.storage.block.Volume;

/**
 * A volume extended to a larger size (Cinder's {@code os-extend}, which works on an attached volume
 * from microversion 3.42 and on a detached one always). A volume found at the size asked, or being
 * extended, is adopted, so the call is never sent twice. Nothing to undo: Cinder cannot shrink a
 * volume, so a failed operation leaves it as it is and says so.
 */
final class VolumeExtendHandler implements ResourceHandler {

    /** The header that asks Cinder for a microversion, and the one that extends an attached volume. */
    static final String API_VERSION = "OpenStack-API-Version";

    static final String EXTEND_ATTACHED = "volume 3.42";

    private final OpenStackGateway gateway;
    private final VolumeHandler volumes;

    VolumeExtendHandler(OpenStackGateway gateway, VolumeHandler volumes) {
        this.gateway = gateway;
        this.volumes = volumes;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.VOLUME_EXTEND;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        CloudResource asked = asked(spec);
        Volume volume = volumes.show(projectId, asked.id());
        if (volume == null) {
            return Optional.empty();
        }
        boolean underWay = extending(volume);
        return underWay || volume.getSize() >= size(asked) ? Optional.of(asked) : Optional.empty();
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        CloudResource asked = asked(spec);
        gateway.inProjectWhileBusy(projectId, VOLUME, "extend volume", SAFE, c -> {
            // an attached volume is extended from Cinder's microversion 3.42 on, and openstack4j sends none
            c.headers(Map.of(API_VERSION, EXTEND_ATTACHED));
            try {
                return requireSuccess(
                        c.blockStorage().volumes().extend(asked.id(), size(asked)), VOLUME, "extend volume", false);
            } finally {
                c.headers(Map.of());
            }
        });
        return asked;
    }

    /**
     * Whether Cinder is extending the volume: openstack4j 3.12 knows no {@code extending} status and
     * reads it, like any status it does not know, as {@code UNRECOGNIZED}; a volume in such a status is
     * left to finish rather than sent the call again (Cinder would refuse it for its status).
     */
    static boolean extending(Volume volume) {
        Volume.Status status = volume.getStatus();
        return status == null || status == Volume.Status.UNRECOGNIZED || "extending".equals(status.value());
    }

    @Override
    public Readiness readiness(String projectId, CloudResource resource) {
        Volume volume = volumes.show(projectId, resource.id());
        if (volume == null) {
            return new Readiness.Failed("volume " + resource.id() + " no longer exists");
        }
        if (extending(volume)) {
            return new Readiness.Pending("extending at " + volume.getSize() + " GB");
        }
        String status = volume.getStatus().value();
        if (status.startsWith("error")) {
            return new Readiness.Failed("volume " + resource.id() + " is in status " + status + " after its extension");
        }
        if (("available".equals(status) || "in-use".equals(status)) && volume.getSize() >= size(resource)) {
            Map<String, String> attributes = new LinkedHashMap<>(resource.attributes());
            attributes.put("sizeGb", Integer.toString(volume.getSize()));
            attributes.put("name", volume.getName());
            return new Readiness.Ready(new CloudResource(kind().wireName(), volume.getId(), attributes));
        }
        return new Readiness.Pending(status + " at " + volume.getSize() + " GB");
    }

    /** Always done: Cinder has no shrink, the volume keeps what it was given. */
    @Override
    public boolean delete(String projectId, CloudResource resource) {
        return true;
    }

    private static int size(CloudResource resource) {
        return Integer.parseInt(resource.attribute("sizeGb"));
    }

    private static CloudResource asked(ResourceSpec spec) {
        int sizeGb = integer(spec, "sizeGb")
                .filter(size -> size > 0)
                .orElseThrow(() -> new CloudException(false, "a volume extension needs a positive sizeGb"));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sizeGb", Integer.toString(sizeGb));
        integer(spec, "fromSizeGb").ifPresent(from -> attributes.put("fromSizeGb", Integer.toString(from)));
        return new CloudResource(
                ResourceKind.VOLUME_EXTEND.wireName(), requiredString(spec, OperationPlanner.TARGET_ID), attributes);
    }
}
