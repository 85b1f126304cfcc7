package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.single;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.string;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.NETWORK;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.api.Builders;
import org.openstack4j.model.network.Resource;
import org.openstack4j.model.network.Router;

/** A router with its gateway on the external network the template names ("public": the cloud's). */
final class RouterHandler implements ResourceHandler {

    private final OpenStackGateway gateway;
    private final NeutronSupport neutron;

    RouterHandler(OpenStackGateway gateway, NeutronSupport neutron) {
        this.gateway = gateway;
        this.neutron = neutron;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.ROUTER;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        String name = spec.name();
        List<? extends Router> found = gateway.inProject(
                projectId,
                NETWORK,
                "find router",
                SAFE,
                c -> c.networking().router().list());
        return single(
                        found.stream()
                                .filter(r -> name.equals(r.getName()) && projectId.equals(r.getTenantId()))
                                .toList(),
                        "router",
                        name)
                .map(r -> new CloudResource(kind().wireName(), r.getId(), Map.of("name", name)));
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        String name = spec.name();
        String externalNetworkId = neutron.externalNetworkId(projectId, string(spec, "externalNetwork"));
        Router router = gateway.inProject(
                projectId,
                NETWORK,
                "create router",
                ONCE,
                c -> c.networking()
                        .router()
                        .create(Builders.router()
                                .name(name)
                                .adminStateUp(true)
                                .externalGateway(externalNetworkId)
                                .build()));
        neutron.tag(projectId, Resource.ROUTER, router.getId(), name);
        return new CloudResource(
                kind().wireName(), router.getId(), Map.of("name", name, "externalNetworkId", externalNetworkId));
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        return neutron.delete(
                projectId, "delete router", c -> c.networking().router().delete(resource.id()));
    }
}
