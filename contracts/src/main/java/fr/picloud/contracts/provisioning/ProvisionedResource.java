package fr.picloud.contracts.provisioning;

import java.time.Instant;
import java.util.Objects;

/**
 * One OpenStack resource built for an order: what billing meters and decommission deletes.
 *
 * @param name the resource's name in the order's template (with an index when it has a count)
 * @param openstackId the id OpenStack gave it
 * @param flavor a server's flavor, else null
 * @param vcpus a server's vCPUs, else null
 * @param ramGb a server's RAM in GB, else null
 * @param sizeGb a volume's size in GB, else null
 * @param address a floating IP's address, else null
 * @param createdAt when the resource was ready (a server ACTIVE, a volume available): usage starts here
 */
public record ProvisionedResource(
        String name,
        String kind,
        String openstackId,
        String flavor,
        Integer vcpus,
        Integer ramGb,
        Integer sizeGb,
        String address,
        Instant createdAt) {

    public ProvisionedResource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(openstackId, "openstackId");
    }

    /** A resource with nothing to meter but its existence (a network, a key pair...). */
    public ProvisionedResource(String name, String kind, String openstackId) {
        this(name, kind, openstackId, null, null, null, null, null, null);
    }
}
