package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.single;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.NETWORK;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.api.Builders;
import org.openstack4j.model.network.Network;
import org.openstack4j.model.network.Resource;

/** A tenant network: found by name and tag, deleted once its ports are gone. */
final class NetworkHandler implements ResourceHandler {

    private final OpenStackGateway gateway;
    private final NeutronSupport neutron;

    NetworkHandler(OpenStackGateway gateway, NeutronSupport neutron) {
        this.gateway = gateway;
        this.neutron = neutron;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.NETWORK;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        String name = spec.name();
        List<? extends Network> found = gateway.inProject(
                projectId,
                NETWORK,
                "find network",
                SAFE,
                c -> c.networking().network().list(Map.of("name", name)));
        return single(
                        found.stream()
                                .filter(n -> name.equals(n.getName()) && projectId.equals(n.getTenantId()))
                                .toList(),
                        "network",
                        name)
                .map(n -> resource(n.getId(), name));
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        String name = spec.name();
        Network network = gateway.inProject(
                projectId,
                NETWORK,
                "create network",
                ONCE,
                c -> c.networking()
                        .network()
                        .create(Builders.network().name(name).adminStateUp(true).build()));
        neutron.tag(projectId, Resource.NETWORK, network.getId(), name);
        return resource(network.getId(), name);
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        return neutron.delete(
                projectId, "delete network", c -> c.networking().network().delete(resource.id()));
    }

    private CloudResource resource(String id, String name) {
        return new CloudResource(kind().wireName(), id, Map.of("name", name));
    }
}
