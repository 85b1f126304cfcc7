package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.ONCE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackGateway.Repeat.SAFE;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.requireSuccess;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackResponses.string;
import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackService.COMPUTE;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.model.compute.Keypair;

/** A Nova key pair, named (and identified) by the step's name. */
final class KeypairHandler implements ResourceHandler {

    private final OpenStackGateway gateway;

    KeypairHandler(OpenStackGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.KEYPAIR;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        Keypair keypair = gateway.inProject(
                projectId,
                COMPUTE,
                "find key pair",
                SAFE,
                c -> c.compute().keypairs().get(spec.name()));
        return Optional.ofNullable(keypair).map(k -> resource(k, spec.name()));
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        String publicKey = string(spec, "publicKey");
        Keypair keypair = gateway.inProject(
                projectId,
                COMPUTE,
                "create key pair",
                ONCE,
                c -> c.compute().keypairs().create(spec.name(), publicKey));
        return resource(keypair, spec.name());
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        return gateway.inProject(projectId, COMPUTE, "delete key pair", SAFE, c -> {
            requireSuccess(c.compute().keypairs().delete(resource.id()), COMPUTE, "delete key pair", true);
            return true;
        });
    }

    private CloudResource resource(Keypair keypair, String name) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("name", name);
        if (keypair.getFingerprint() != null) {
            attributes.put("fingerprint", keypair.getFingerprint());
        }
        return new CloudResource(kind().wireName(), name, attributes);
    }
}
