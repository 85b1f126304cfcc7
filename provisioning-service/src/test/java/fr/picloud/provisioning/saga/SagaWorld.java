package fr.picloud.provisioning.saga;

import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.offering.ResourceTemplate.Resource;
import fr.picloud.contracts.order.DecommissionRequested;
import fr.picloud.contracts.order.ProvisioningRequested;
import fr.picloud.platform.test.TestMessages;
import fr.picloud.provisioning.saga.application.SagaRepository;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaKind;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Orders for the saga under test, sent as order-service sends them, and what became of them. */
public final class SagaWorld implements AutoCloseable {

    public static final UUID VM_STACK = UUID.fromString("7d0f4c1e-2a3b-4c5d-8e9f-0a1b2c3d4e5f");

    private final SagaRepository sagas;
    private final TestMessages messages = new TestMessages();

    public SagaWorld(SagaRepository sagas) {
        this.sagas = sagas;
    }

    /** The reference VM stack, bound as order-service binds it. */
    public static ResourceTemplate vmStack(int instances, boolean floatingIp) {
        return vmStack(instances, floatingIp, "m1.small", "debian-12");
    }

    public static ResourceTemplate vmStack(int instances, boolean floatingIp, String flavor, String image) {
        return new ResourceTemplate(
                Map.of("m1.small", new ResourceTemplate.Flavor(1, 2), "m1.medium", new ResourceTemplate.Flavor(2, 4)),
                List.of(
                        new Resource("network", "network", List.of(), null, null, Map.of()),
                        new Resource(
                                "subnet",
                                "subnet",
                                List.of("network"),
                                null,
                                null,
                                Map.of("cidr", "10.10.0.0/24", "ipVersion", 4)),
                        new Resource("router", "router", List.of(), null, null, Map.of("externalNetwork", "public")),
                        new Resource(
                                "router-interface",
                                "router-interface",
                                List.of("router", "subnet"),
                                null,
                                null,
                                Map.of()),
                        new Resource(
                                "security-group",
                                "security-group",
                                List.of(),
                                null,
                                null,
                                Map.of(
                                        "rules",
                                        List.of(
                                                Map.of(
                                                        "direction",
                                                        "ingress",
                                                        "protocol",
                                                        "tcp",
                                                        "portMin",
                                                        22,
                                                        "portMax",
                                                        22,
                                                        "remoteIpPrefix",
                                                        "10.0.0.0/8"),
                                                Map.of(
                                                        "direction",
                                                        "ingress",
                                                        "protocol",
                                                        "tcp",
                                                        "portMin",
                                                        443,
                                                        "portMax",
                                                        443,
                                                        "remoteIpPrefix",
                                                        "0.0.0.0/0")))),
                        new Resource("keypair", "keypair", List.of(), null, null, Map.of()),
                        new Resource("data-volume", "volume", List.of(), instances, null, Map.of("sizeGb", 20)),
                        new Resource(
                                "server",
                                "server",
                                List.of("subnet", "security-group", "keypair"),
                                instances,
                                null,
                                Map.of("flavor", flavor, "image", image)),
                        new Resource(
                                "volume-attachment",
                                "volume-attachment",
                                List.of("server", "data-volume"),
                                null,
                                null,
                                Map.of()),
                        new Resource(
                                "floating-ip",
                                "floating-ip",
                                List.of("server", "router-interface"),
                                null,
                                floatingIp,
                                Map.of("network", "public"))));
    }

    public UUID order(String tenant, ResourceTemplate template) {
        UUID orderId = UUID.randomUUID();
        send(new ProvisioningRequested(
                orderId,
                tenant,
                VM_STACK,
                "vm-stack",
                Map.of("instanceCount", 1),
                template,
                new ProvisioningRequested.ProjectQuota(100, 400, 5000, 20, 5)));
        return orderId;
    }

    public void send(ProvisioningRequested request) {
        messages.send(request, request.tenant(), request.orderId().toString());
    }

    public void decommission(UUID orderId, String tenant) {
        messages.send(new DecommissionRequested(orderId, tenant, List.of()), tenant, orderId.toString());
    }

    public TestMessages messages() {
        return messages;
    }

    public Saga saga(UUID orderId, SagaKind kind) {
        return sagas.findByOrder(orderId, kind).orElseThrow();
    }

    /** Waits until the order's saga of that kind is in a final status, and returns it. */
    public Saga awaitEnd(UUID orderId, SagaKind kind) {
        await("the " + kind + " saga of order " + orderId + " to end")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sagas.findByOrder(orderId, kind)
                        .map(saga -> saga.status().isFinal())
                        .orElse(false));
        return saga(orderId, kind);
    }

    public Saga awaitStatus(UUID orderId, SagaKind kind, SagaStatus status) {
        await("the " + kind + " saga of order " + orderId + " to be " + status)
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sagas.findByOrder(orderId, kind)
                        .map(saga -> saga.status() == status)
                        .orElse(false));
        return saga(orderId, kind);
    }

    @Override
    public void close() {
        messages.close();
    }
}
