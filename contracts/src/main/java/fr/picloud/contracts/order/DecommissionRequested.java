package fr.picloud.contracts.order;

import fr.picloud.contracts.Command;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** order-service asks provisioning to delete what a completed order built. */
@MessageType(type = "picloud.order.decommission-requested", version = 1, topic = Topics.PROVISIONING_COMMANDS)
public record DecommissionRequested(UUID orderId, String tenant, List<ProvisionedResource> resources)
        implements Command {

    public DecommissionRequested {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        resources = List.copyOf(Objects.requireNonNullElse(resources, List.of()));
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
