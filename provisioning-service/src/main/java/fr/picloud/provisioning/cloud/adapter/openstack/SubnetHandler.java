package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.integer;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requiredString;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.single;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.NETWORK;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.api.Builders;
import org.openstack4j.model.network.IPVersionType;
import org.openstack4j.model.network.Resource;
import org.openstack4j.model.network.Subnet;

/** A subnet of the step's network, with the template's CIDR. */
final class SubnetHandler implements ResourceHandler {

    private final OpenStackGateway gateway;
    private final NeutronSupport neutron;

    SubnetHandler(OpenStackGateway gateway, NeutronSupport neutron) {
        this.gateway = gateway;
        this.neutron = neutron;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.SUBNET;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        String name = spec.name();
        List<? extends Subnet> found = gateway.inProject(
                projectId,
                NETWORK,
                "find subnet",
                SAFE,
                c -> c.networking().subnet().list());
        return single(
                        found.stream()
                                .filter(s -> name.equals(s.getName()) && projectId.equals(s.getTenantId()))
                                .toList(),
                        "subnet",
                        name)
                .map(s -> resource(s, name));
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        String networkId = spec.input(ResourceKind.NETWORK.wireName()).id();
        String cidr = requiredString(spec, "cidr");
        IPVersionType version = integer(spec, "ipVersion").orElse(4) == 6 ? IPVersionType.V6 : IPVersionType.V4;
        Subnet subnet = gateway.inProject(
                projectId,
                NETWORK,
                "create subnet",
                ONCE,
                c -> c.networking()
                        .subnet()
                        .create(Builders.subnet()
                                .name(spec.name())
                                .networkId(networkId)
                                .cidr(cidr)
                                .ipVersion(version)
                                .build()));
        neutron.tag(projectId, Resource.SUBNET, subnet.getId(), spec.name());
        return resource(subnet, spec.name());
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        return neutron.delete(
                projectId, "delete subnet", c -> c.networking().subnet().delete(resource.id()));
    }

    private CloudResource resource(Subnet subnet, String name) {
        return new CloudResource(
                kind().wireName(),
                subnet.getId(),
                Map.of("name", name, "networkId", subnet.getNetworkId(), "cidr", String.valueOf(subnet.getCidr())));
    }
}
