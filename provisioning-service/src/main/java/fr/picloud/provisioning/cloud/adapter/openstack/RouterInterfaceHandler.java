package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.required;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.NETWORK;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.model.network.AttachInterfaceType;
import org.openstack4j.model.network.IP;
import org.openstack4j.model.network.Port;
import org.openstack4j.model.network.Resource;
import org.openstack4j.model.network.RouterInterface;
import org.openstack4j.model.network.options.PortListOptions;

/** The subnet added to the router: found as the router's port on that subnet, removed by detaching it. */
final class RouterInterfaceHandler implements ResourceHandler {

    private final OpenStackGateway gateway;
    private final NeutronSupport neutron;

    RouterInterfaceHandler(OpenStackGateway gateway, NeutronSupport neutron) {
        this.gateway = gateway;
        this.neutron = neutron;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.ROUTER_INTERFACE;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        String routerId = spec.input(ResourceKind.ROUTER.wireName()).id();
        String subnetId = spec.input(ResourceKind.SUBNET.wireName()).id();
        List<? extends Port> ports = gateway.inProject(
                projectId,
                NETWORK,
                "find router interface",
                SAFE,
                c -> c.networking().port().list(PortListOptions.create().deviceId(routerId)));
        return ports.stream()
                .filter(p -> routerId.equals(p.getDeviceId()))
                .filter(p -> onSubnet(p, subnetId))
                .findFirst()
                .map(p -> resource(p.getId(), routerId, subnetId, spec.name()));
    }

    private static boolean onSubnet(Port port, String subnetId) {
        return port.getFixedIps() != null
                && port.getFixedIps().stream().map(IP::getSubnetId).anyMatch(subnetId::equals);
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        String routerId = spec.input(ResourceKind.ROUTER.wireName()).id();
        String subnetId = spec.input(ResourceKind.SUBNET.wireName()).id();
        RouterInterface attached = gateway.inProjectWhileBusy(
                projectId,
                NETWORK,
                "add router interface",
                ONCE,
                c -> c.networking().router().attachInterface(routerId, AttachInterfaceType.SUBNET, subnetId));
        if (attached == null || attached.getPortId() == null) {
            throw new CloudException(false, "OpenStack network call 'add router interface' answered no port");
        }
        neutron.tag(projectId, Resource.PORT, attached.getPortId(), spec.name());
        return resource(attached.getPortId(), routerId, subnetId, spec.name());
    }

    private CloudResource resource(String portId, String routerId, String subnetId, String name) {
        return new CloudResource(
                kind().wireName(), portId, Map.of("name", name, "routerId", routerId, "subnetId", subnetId));
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        String routerId = required(resource, "routerId");
        String subnetId = required(resource, "subnetId");
        return gateway.inProjectWhileBusy(projectId, NETWORK, "remove router interface", SAFE, c -> {
            try {
                c.networking().router().detachInterface(routerId, subnetId, null);
            } catch (ResponseException e) {
                if (e.getStatus() != 404) {
                    throw e;
                }
            }
            return true;
        });
    }
}
