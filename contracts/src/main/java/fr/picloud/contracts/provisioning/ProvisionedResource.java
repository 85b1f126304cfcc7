package fr.picloud.contracts.provisioning;

import java.util.Objects;

/**
 * One OpenStack resource built for an order.
 *
 * @param name the resource's name in the order's template (with an index when it has a count)
 * @param openstackId the id OpenStack gave it
 */
public record ProvisionedResource(String name, String kind, String openstackId) {

    public ProvisionedResource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(openstackId, "openstackId");
    }
}
