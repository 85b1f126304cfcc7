package fr.picloud.contracts.order;

import fr.picloud.contracts.Command;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import java.util.Objects;
import java.util.UUID;

/**
 * order-service asks provisioning to carry out an approved day-2 operation on a resource of a
 * completed order. Keyed by the order id, so that it stays in order with the order's other commands
 * (a decommission after it waits for it).
 *
 * @param operationId the operation's id, also its saga's: a repeated command starts nothing new
 * @param target the order's resource it acts on, as the order knows it (a snapshot for DELETE_SNAPSHOT)
 * @param flavor RESIZE: the new flavor, with its {@code vcpus} and {@code ramGb}
 * @param sizeGb EXTEND_VOLUME: the new size
 */
@MessageType(type = "picloud.order.operation-requested", version = 1, topic = Topics.PROVISIONING_COMMANDS)
public record OperationRequested(
        UUID operationId,
        UUID orderId,
        String tenant,
        OperationType type,
        ProvisionedResource target,
        String flavor,
        Integer vcpus,
        Integer ramGb,
        Integer sizeGb)
        implements Command {

    public OperationRequested {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
