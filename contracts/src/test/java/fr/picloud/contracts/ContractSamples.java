package fr.picloud.contracts;

import fr.picloud.contracts.offering.OfferingDeprecated;
import fr.picloud.contracts.offering.OfferingPriceChanged;
import fr.picloud.contracts.offering.OfferingPublished;
import fr.picloud.contracts.offering.OfferingRetired;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.OfferingUpdated;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.order.DecommissionRequested;
import fr.picloud.contracts.order.OrderApprovalEscalated;
import fr.picloud.contracts.order.OrderApproved;
import fr.picloud.contracts.order.OrderCancelled;
import fr.picloud.contracts.order.OrderExpired;
import fr.picloud.contracts.order.OrderPlaced;
import fr.picloud.contracts.order.OrderQuote;
import fr.picloud.contracts.order.OrderRejected;
import fr.picloud.contracts.order.ProvisioningRequested;
import fr.picloud.contracts.provisioning.DecommissionCompleted;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.ProvisioningCompensated;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.contracts.provisioning.ProvisioningFailed;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Object Mother: one canonical instance of every message, used to check it against its schema. */
final class ContractSamples {

    static final OfferingState VM_STACK = new OfferingState(
            UUID.fromString("5b0f3e2a-7d7c-4a55-9b57-4bb0f2b3f001"),
            3,
            "vm-stack",
            new LocalizedText("Pile VM de référence", "Reference VM stack"),
            new LocalizedText("Réseau, VM et volume", "Network, VM and volume"),
            "COMPUTE",
            new OfferingState.Provider("pi-cloud", "PI Cloud", true, "FR"),
            List.of("vm", "linux"),
            "GOLD",
            "1.0",
            "PUBLISHED",
            Map.of("type", "object", "properties", Map.of("flavor", Map.of("enum", List.of("m1.small")))),
            new ResourceTemplate(
                    Map.of("m1.small", new ResourceTemplate.Flavor(1, 2)),
                    List.of(new ResourceTemplate.Resource(
                            "vm", "server", List.of(), "${instanceCount}", null, Map.of("flavor", "${flavor}")))),
            List.of(new PriceList(
                    1, LocalDate.of(2026, 1, 1), "EUR", Map.of(PriceUnit.VCPU_HOUR, new BigDecimal("0.0125")))));

    static final UUID ORDER_ID = UUID.fromString("0c1d2e3f-4a5b-4c6d-8e7f-a0b1c2d3e4f5");

    static final Map<String, Object> ORDER_PARAMETERS = Map.of("flavor", "m1.small", "instanceCount", 2);

    static final List<ProvisionedResource> INVENTORY =
            List.of(new ProvisionedResource("vm-0", "server", "9f1c0a2e-0d7b-4c1e-9a51-3f7e0c2b1a00"));

    static final Map<Class<? extends Message>, Message> BY_CLASS = Map.ofEntries(
            Map.entry(OfferingPublished.class, new OfferingPublished(VM_STACK)),
            Map.entry(OfferingUpdated.class, new OfferingUpdated(VM_STACK)),
            Map.entry(OfferingPriceChanged.class, new OfferingPriceChanged(VM_STACK)),
            Map.entry(OfferingDeprecated.class, new OfferingDeprecated(VM_STACK)),
            Map.entry(OfferingRetired.class, new OfferingRetired(VM_STACK)),
            Map.entry(
                    OrderPlaced.class,
                    new OrderPlaced(
                            ORDER_ID,
                            "police",
                            "agent-police",
                            VM_STACK.offeringId(),
                            VM_STACK.code(),
                            "POL-001",
                            ORDER_PARAMETERS,
                            new OrderQuote("EUR", 1, new BigDecimal("18.25"), new BigDecimal("25.00")),
                            "PENDING_APPROVAL")),
            Map.entry(OrderApproved.class, new OrderApproved(ORDER_ID, "police", List.of("approver-police"), false)),
            Map.entry(
                    OrderRejected.class, new OrderRejected(ORDER_ID, "police", "approver-police", "not this quarter")),
            Map.entry(OrderCancelled.class, new OrderCancelled(ORDER_ID, "police", "agent-police", "no longer needed")),
            Map.entry(OrderExpired.class, new OrderExpired(ORDER_ID, "police", Instant.parse("2026-03-04T10:00:00Z"))),
            Map.entry(
                    OrderApprovalEscalated.class,
                    new OrderApprovalEscalated(
                            ORDER_ID,
                            "police",
                            Instant.parse("2026-03-01T10:00:00Z"),
                            Instant.parse("2026-03-04T10:00:00Z"))),
            Map.entry(
                    ProvisioningRequested.class,
                    new ProvisioningRequested(
                            ORDER_ID,
                            "police",
                            VM_STACK.offeringId(),
                            VM_STACK.code(),
                            ORDER_PARAMETERS,
                            new ResourceTemplate(
                                    VM_STACK.resourceTemplate().flavors(),
                                    List.of(new ResourceTemplate.Resource(
                                            "vm", "server", List.of(), 2, null, Map.of("flavor", "m1.small")))))),
            Map.entry(DecommissionRequested.class, new DecommissionRequested(ORDER_ID, "police", INVENTORY)),
            Map.entry(ProvisioningCompleted.class, new ProvisioningCompleted(ORDER_ID, INVENTORY)),
            Map.entry(ProvisioningFailed.class, new ProvisioningFailed(ORDER_ID, "server", "no host with enough RAM")),
            Map.entry(ProvisioningCompensated.class, new ProvisioningCompensated(ORDER_ID, "every resource deleted")),
            Map.entry(DecommissionCompleted.class, new DecommissionCompleted(ORDER_ID)));

    private ContractSamples() {}
}
