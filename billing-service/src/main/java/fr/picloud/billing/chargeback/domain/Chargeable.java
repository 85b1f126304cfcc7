package fr.picloud.billing.chargeback.domain;

import java.time.Instant;
import java.util.UUID;

/** What an order is charged for: the lifetime of one of its resources, or its setup fee. */
public sealed interface Chargeable permits Chargeable.ResourceUsage, Chargeable.SetupFee {

    OrderRef order();

    /**
     * The order a charge belongs to, as the order and provisioning events described it.
     *
     * @param costCenter {@code null} when the order's placement was not (yet) received
     * @param sagaId the provisioning saga that built its resources
     */
    record OrderRef(
            UUID orderId, String tenant, String costCenter, UUID offeringId, String offeringCode, UUID sagaId) {}

    /**
     * One resource's usage: from when it became ready to when it was deleted ({@code null}: still
     * there). Quantities are those of its kind: a server's vCPUs and RAM, a volume's size.
     */
    record ResourceUsage(
            OrderRef order,
            String resourceId,
            String name,
            String kind,
            Integer vcpus,
            Integer ramGb,
            Integer sizeGb,
            Instant start,
            Instant end)
            implements Chargeable {}

    /** Charged once per order, at the instant its provisioning completed. */
    record SetupFee(OrderRef order, Instant at) implements Chargeable {}
}
