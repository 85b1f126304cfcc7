package fr.picloud.contracts.order;

import fr.picloud.contracts.Command;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import fr.picloud.contracts.offering.ResourceTemplate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * order-service asks provisioning to build an approved order. The order id is the request id:
 * provisioning uses it to recognise a repeated request and to find what an interrupted attempt made.
 *
 * @param resources the offering's resource template with the order's parameters bound
 * @param projectQuota the tenant's quota, which provisioning applies to the tenant's OpenStack project
 *     when it creates it (absent: the cloud's defaults)
 */
@MessageType(type = "picloud.order.provisioning-requested", version = 1, topic = Topics.PROVISIONING_COMMANDS)
public record ProvisioningRequested(
        UUID orderId,
        String tenant,
        UUID offeringId,
        String offeringCode,
        Map<String, Object> parameters,
        ResourceTemplate resources,
        ProjectQuota projectQuota)
        implements Command {

    public ProvisioningRequested {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(offeringId, "offeringId");
        Objects.requireNonNull(resources, "resources");
        // a parameter may be JSON null (an optional one left empty), which Map.copyOf refuses
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(parameters, Map.of())));
    }

    public ProvisioningRequested(
            UUID orderId,
            String tenant,
            UUID offeringId,
            String offeringCode,
            Map<String, Object> parameters,
            ResourceTemplate resources) {
        this(orderId, tenant, offeringId, offeringCode, parameters, resources, null);
    }

    /** What a tenant's OpenStack project may hold. */
    public record ProjectQuota(int vcpus, int ramGb, int volumeGb, int instances, int floatingIps) {}

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
