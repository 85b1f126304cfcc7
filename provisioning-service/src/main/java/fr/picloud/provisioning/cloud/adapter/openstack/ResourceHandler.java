package fr.picloud.provisioning.cloud.adapter.openstack;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.Optional;

/**
 * What the saga does with one kind of resource on OpenStack: find what an earlier attempt made (by
 * the step's unique name), create it, tell when it is ready, delete it. One class per kind;
 * {@link OpenStack4jCloud} registers them in the order of the step catalogue.
 */
interface ResourceHandler {

    ResourceKind kind();

    /** What an earlier attempt of this step created, found by the spec's name or tag. */
    Optional<CloudResource> find(String projectId, ResourceSpec spec);

    /** Sends the create call once; {@link OpenStack4jCloud#create} looks again before repeating it. */
    CloudResource create(String projectId, ResourceSpec spec);

    /** Ready as soon as created, unless the kind builds asynchronously. */
    default Readiness readiness(String projectId, CloudResource resource) {
        return new Readiness.Ready(resource);
    }

    /** @return true once it is gone (already gone counts), false while the cloud is still deleting it */
    boolean delete(String projectId, CloudResource resource);
}
