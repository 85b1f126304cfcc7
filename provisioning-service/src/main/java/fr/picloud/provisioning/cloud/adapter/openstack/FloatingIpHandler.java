package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.single;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.string;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.NETWORK;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openstack4j.api.Builders;
import org.openstack4j.model.network.NetFloatingIP;
import org.openstack4j.model.network.Port;
import org.openstack4j.model.network.Resource;

/**
 * A floating IP on the server's port. Floating IPs have no name: the description (set in the create
 * itself) and the tag carry the step's name.
 */
final class FloatingIpHandler implements ResourceHandler {

    private final OpenStackGateway gateway;
    private final NeutronSupport neutron;

    FloatingIpHandler(OpenStackGateway gateway, NeutronSupport neutron) {
        this.gateway = gateway;
        this.neutron = neutron;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.FLOATING_IP;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        String name = spec.name();
        List<? extends NetFloatingIP> found = gateway.inProject(
                projectId,
                NETWORK,
                "find floating ip",
                SAFE,
                c -> c.networking().floatingip().list());
        return single(
                        found.stream()
                                .filter(f -> projectId.equals(f.getTenantId()))
                                .filter(f -> name.equals(f.getDescription())
                                        || (f.getTags() != null && f.getTags().contains(name)))
                                .toList(),
                        "floating IP",
                        name)
                .map(f -> resource(f, name));
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        CloudResource server = spec.input(ResourceKind.SERVER.wireName());
        String portId = Optional.ofNullable(server.attribute("portId"))
                .orElseGet(() -> neutron.serverPort(projectId, server.id(), server.attribute("networkId"))
                        .map(Port::getId)
                        .orElseThrow(() -> new CloudException(
                                false, "server " + server.id() + " has no port to give a floating IP")));
        String externalNetworkId = neutron.externalNetworkId(projectId, string(spec, "network"));
        NetFloatingIP ip = gateway.inProject(
                projectId,
                NETWORK,
                "create floating ip",
                ONCE,
                c -> c.networking()
                        .floatingip()
                        .create(Builders.netFloatingIP()
                                .floatingNetworkId(externalNetworkId)
                                .portId(portId)
                                .description(spec.name())
                                .build()));
        neutron.tag(projectId, Resource.FLOATING_IP, ip.getId(), spec.name());
        return resource(ip, spec.name());
    }

    @Override
    public Readiness readiness(String projectId, CloudResource resource) {
        NetFloatingIP ip = gateway.inProject(
                projectId,
                NETWORK,
                "show floating ip",
                SAFE,
                c -> c.networking().floatingip().get(resource.id()));
        if (ip == null) {
            return new Readiness.Failed("floating IP " + resource.id() + " no longer exists");
        }
        if (ip.getFloatingIpAddress() == null) {
            return new Readiness.Pending(String.valueOf(ip.getStatus()));
        }
        return new Readiness.Ready(resource(ip, Objects.toString(resource.attribute("name"), "")));
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        return neutron.delete(
                projectId,
                "delete floating ip",
                c -> c.networking().floatingip().delete(resource.id()));
    }

    private CloudResource resource(NetFloatingIP ip, String name) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("name", name);
        if (ip.getFloatingIpAddress() != null) {
            attributes.put("address", ip.getFloatingIpAddress());
        }
        if (ip.getPortId() != null) {
            attributes.put("portId", ip.getPortId());
        }
        return new CloudResource(kind().wireName(), ip.getId(), attributes);
    }
}
