package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requireSuccess;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.NETWORK;

import fr.picloud.provisioning.saga.domain.CloudException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.network.Network;
import org.openstack4j.model.network.Port;
import org.openstack4j.model.network.Resource;
import org.openstack4j.model.network.options.PortListOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What several Neutron kinds share: tags, deletes, the external network, a server's port. */
final class NeutronSupport {

    private static final Logger LOG = LoggerFactory.getLogger(NeutronSupport.class);
    private static final String LOGICAL_PUBLIC_NETWORK = "public";

    private final OpenStackGateway gateway;
    private final String externalNetwork;
    private final Map<String, String> externalNetworkIds = new ConcurrentHashMap<>();

    NeutronSupport(OpenStackGateway gateway, String externalNetwork) {
        this.gateway = gateway;
        this.externalNetwork = externalNetwork;
    }

    /** Tags the resource with the step's name; the name alone finds it again, the tag is for people and sweeps. */
    void tag(String projectId, Resource resource, String id, String tag) {
        try {
            gateway.inProject(
                    projectId,
                    NETWORK,
                    "tag " + resource.name().toLowerCase(),
                    SAFE,
                    c -> requireSuccess(
                            c.networking().resourceTags().addSingle(resource, id, tag), NETWORK, "tag", false));
        } catch (CloudException e) {
            LOG.warn("could not tag {} {} with {}: {}", resource, id, tag, e.getMessage());
        }
    }

    boolean delete(String projectId, String call, Function<OSClientV3, ActionResponse> delete) {
        // a 409 here is a resource still in use by something being deleted (ports of a server...)
        return gateway.inProjectWhileBusy(projectId, NETWORK, call, SAFE, c -> {
            requireSuccess(delete.apply(c), NETWORK, call, true);
            return true;
        });
    }

    /** The id of the external network a template names ("public" is this cloud's configured one). */
    String externalNetworkId(String projectId, String requested) {
        String name = requested == null || LOGICAL_PUBLIC_NETWORK.equals(requested) ? externalNetwork : requested;
        String known = externalNetworkIds.get(name);
        if (known != null) {
            return known;
        }
        List<? extends Network> found = gateway.inProject(
                projectId,
                NETWORK,
                "find external network",
                SAFE,
                c -> c.networking().network().list(Map.of("name", name)));
        String id = found.stream()
                .filter(n -> name.equals(n.getName()) && n.isRouterExternal())
                .map(Network::getId)
                .findFirst()
                .orElseThrow(() -> new CloudException(false, "no external network named '" + name + "' in the cloud"));
        externalNetworkIds.put(name, id);
        return id;
    }

    /** The server's port, on {@code networkId} when it has one there. */
    Optional<Port> serverPort(String projectId, String serverId, String networkId) {
        List<? extends Port> ports = gateway.inProject(
                projectId,
                NETWORK,
                "find server port",
                SAFE,
                c -> c.networking().port().list(PortListOptions.create().deviceId(serverId)));
        return ports.stream()
                .filter(p -> serverId.equals(p.getDeviceId()))
                .sorted((a, b) -> Boolean.compare(
                        !Objects.equals(networkId, a.getNetworkId()), !Objects.equals(networkId, b.getNetworkId())))
                .map(p -> (Port) p)
                .findFirst();
    }
}
