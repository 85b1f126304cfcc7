package fr.picloud.contracts;

import fr.picloud.contracts.billing.BudgetThresholdCrossed;
import fr.picloud.contracts.migration.WaveLaunched;
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
import fr.picloud.contracts.order.OperationRequested;
import fr.picloud.contracts.order.OperationType;
import fr.picloud.contracts.order.OrderApprovalEscalated;
import fr.picloud.contracts.order.OrderApproved;
import fr.picloud.contracts.order.OrderCancelled;
import fr.picloud.contracts.order.OrderEndDateChanged;
import fr.picloud.contracts.order.OrderEndReached;
import fr.picloud.contracts.order.OrderEndReminder;
import fr.picloud.contracts.order.OrderExpired;
import fr.picloud.contracts.order.OrderPlaced;
import fr.picloud.contracts.order.OrderQuote;
import fr.picloud.contracts.order.OrderRejected;
import fr.picloud.contracts.order.OrderRequestRefused;
import fr.picloud.contracts.order.PlaceOrderRequested;
import fr.picloud.contracts.order.ProvisioningRequested;
import fr.picloud.contracts.provisioning.DecommissionCompleted;
import fr.picloud.contracts.provisioning.OperationCompleted;
import fr.picloud.contracts.provisioning.OperationFailed;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.ProvisioningCompensated;
import fr.picloud.contracts.provisioning.ProvisioningCompensationFailed;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.contracts.provisioning.ProvisioningFailed;
import fr.picloud.contracts.provisioning.SagaCompensationCompleted;
import fr.picloud.contracts.provisioning.SagaCompensationStarted;
import fr.picloud.contracts.provisioning.SagaStarted;
import fr.picloud.contracts.provisioning.SagaStepCompensated;
import fr.picloud.contracts.provisioning.SagaStepCompleted;
import fr.picloud.contracts.provisioning.SagaStepFailed;
import fr.picloud.contracts.provisioning.SagaStepStarted;
import fr.picloud.contracts.tenant.TenantState;
import fr.picloud.contracts.tenant.TenantUpdated;
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
                    1, LocalDate.of(2026, 1, 1), "EUR", Map.of(PriceUnit.VCPU_HOUR, new BigDecimal("0.0125")))),
            90);

    static final UUID ORDER_ID = UUID.fromString("0c1d2e3f-4a5b-4c6d-8e7f-a0b1c2d3e4f5");

    static final Map<String, Object> ORDER_PARAMETERS = Map.of("flavor", "m1.small", "instanceCount", 2);

    static final UUID SAGA_ID = UUID.fromString("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");

    static final Instant READY_AT = Instant.parse("2026-03-01T10:02:30Z");

    static final ProvisionedResource SERVER = new ProvisionedResource(
            "server-0", "server", "9f1c0a2e-0d7b-4c1e-9a51-3f7e0c2b1a00", "m1.small", 1, 2, null, null, READY_AT);

    static final UUID OPERATION_ID = UUID.fromString("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d");

    static final List<ProvisionedResource> INVENTORY = List.of(
            SERVER,
            new ProvisionedResource(
                    "data-volume-0",
                    "volume",
                    "1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b",
                    null,
                    null,
                    null,
                    50,
                    null,
                    READY_AT),
            new ProvisionedResource(
                    "floating-ip",
                    "floating-ip",
                    "2c3d4e5f-6071-4829-9bac-1d2e3f4a5b6c",
                    null,
                    null,
                    null,
                    null,
                    "172.24.4.10",
                    READY_AT));

    static final TenantState POLICE = new TenantState(
            "police",
            2,
            "Direction générale de la Police nationale",
            "DIRECTORATE",
            "interieur",
            List.of(new TenantState.CostCenter("POL-001", "Systèmes d'information opérationnels")),
            new BigDecimal("25000.00"),
            new TenantState.Quota(200, 800, 20000, 100, 20));

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
                            "PENDING_APPROVAL",
                            "migration-service",
                            Instant.parse("2026-06-01T00:00:00Z"))),
            Map.entry(OrderApproved.class, new OrderApproved(ORDER_ID, "police", List.of("approver-police"), false)),
            Map.entry(
                    OrderRejected.class, new OrderRejected(ORDER_ID, "police", "approver-police", "not this quarter")),
            Map.entry(OrderCancelled.class, new OrderCancelled(ORDER_ID, "police", "agent-police", "no longer needed")),
            Map.entry(
                    OrderEndReminder.class,
                    new OrderEndReminder(ORDER_ID, "police", "agent-police", Instant.parse("2026-06-01T00:00:00Z"), 7)),
            Map.entry(
                    OrderEndDateChanged.class,
                    new OrderEndDateChanged(
                            ORDER_ID,
                            "police",
                            "agent-police",
                            Instant.parse("2026-06-15T00:00:00Z"),
                            Instant.parse("2026-06-01T00:00:00Z"))),
            Map.entry(
                    OrderEndReached.class,
                    new OrderEndReached(ORDER_ID, "police", Instant.parse("2026-06-15T00:00:00Z"))),
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
                                            "vm", "server", List.of(), 2, null, Map.of("flavor", "m1.small")))),
                            new ProvisioningRequested.ProjectQuota(200, 800, 20000, 100, 20))),
            Map.entry(DecommissionRequested.class, new DecommissionRequested(ORDER_ID, "police", INVENTORY)),
            Map.entry(
                    OperationRequested.class,
                    new OperationRequested(
                            OPERATION_ID, ORDER_ID, "police", OperationType.RESIZE, SERVER, "m1.large", 4, 8, null)),
            Map.entry(
                    OperationCompleted.class,
                    new OperationCompleted(
                            OPERATION_ID,
                            ORDER_ID,
                            "police",
                            OperationType.SNAPSHOT,
                            new ProvisionedResource(
                                    "data-volume-0-snapshot-1",
                                    "volume-snapshot",
                                    "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
                                    null,
                                    null,
                                    null,
                                    50,
                                    null,
                                    READY_AT),
                            null,
                            null,
                            READY_AT)),
            Map.entry(
                    OperationFailed.class,
                    new OperationFailed(
                            OPERATION_ID,
                            ORDER_ID,
                            "police",
                            OperationType.RESIZE,
                            "the resize did not finish: it was reverted",
                            true,
                            READY_AT)),
            Map.entry(
                    ProvisioningCompleted.class,
                    new ProvisioningCompleted(ORDER_ID, INVENTORY, "police", VM_STACK.offeringId(), SAGA_ID, READY_AT)),
            Map.entry(ProvisioningFailed.class, new ProvisioningFailed(ORDER_ID, "server", "no host with enough RAM")),
            Map.entry(ProvisioningCompensated.class, new ProvisioningCompensated(ORDER_ID, "every resource deleted")),
            Map.entry(
                    DecommissionCompleted.class,
                    new DecommissionCompleted(ORDER_ID, "police", INVENTORY, Instant.parse("2026-03-20T08:00:00Z"))),
            Map.entry(
                    ProvisioningCompensationFailed.class,
                    new ProvisioningCompensationFailed(
                            ORDER_ID, SAGA_ID, "volume delete: 500 after 5 attempts", List.of(INVENTORY.get(1)))),
            Map.entry(
                    SagaStarted.class,
                    new SagaStarted(
                            SAGA_ID, ORDER_ID, "police", "PROVISION", List.of("project", "network", "server-0"))),
            Map.entry(SagaStepStarted.class, new SagaStepStarted(SAGA_ID, ORDER_ID, "server-0", 1)),
            Map.entry(SagaStepCompleted.class, new SagaStepCompleted(SAGA_ID, ORDER_ID, "server-0", SERVER, 30_250)),
            Map.entry(
                    SagaStepFailed.class,
                    new SagaStepFailed(SAGA_ID, ORDER_ID, "server-0", "compute: 503 Service Unavailable", true)),
            Map.entry(
                    SagaCompensationStarted.class,
                    new SagaCompensationStarted(
                            SAGA_ID, ORDER_ID, "server-0: No valid host was found", List.of("network", "project"))),
            Map.entry(SagaStepCompensated.class, new SagaStepCompensated(SAGA_ID, ORDER_ID, "network")),
            Map.entry(SagaCompensationCompleted.class, new SagaCompensationCompleted(SAGA_ID, ORDER_ID)),
            Map.entry(
                    PlaceOrderRequested.class,
                    new PlaceOrderRequested(
                            ORDER_ID,
                            "police",
                            "migration-lead",
                            VM_STACK.offeringId(),
                            null,
                            ORDER_PARAMETERS,
                            "migration wave 1",
                            Map.of("waveId", "7d1c0a2e-0d7b-4c1e-9a51-3f7e0c2b1a00", "applicationId", "APP-0042"))),
            Map.entry(
                    OrderRequestRefused.class,
                    new OrderRequestRefused(
                            ORDER_ID,
                            "police",
                            "the parameters do not satisfy the offering's schema",
                            List.of(new OrderRequestRefused.Violation("/diskGb", "must be at most 2000")))),
            Map.entry(
                    WaveLaunched.class,
                    new WaveLaunched(
                            UUID.fromString("7d1c0a2e-0d7b-4c1e-9a51-3f7e0c2b1a00"),
                            2,
                            1,
                            "migration-lead",
                            List.of(new WaveLaunched.Member(ORDER_ID, "police", "APP-0042")))),
            Map.entry(TenantUpdated.class, new TenantUpdated(POLICE)),
            Map.entry(
                    BudgetThresholdCrossed.class,
                    new BudgetThresholdCrossed(
                            "police",
                            "2026-03",
                            80,
                            new BigDecimal("25000.00"),
                            new BigDecimal("12400.17"),
                            new BigDecimal("20310.52"),
                            "EUR",
                            Instant.parse("2026-03-16T09:30:00Z"))));

    private ContractSamples() {}
}
