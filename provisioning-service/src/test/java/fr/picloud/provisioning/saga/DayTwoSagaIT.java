package fr.picloud.provisioning.saga;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.contracts.Topics;
import fr.picloud.contracts.order.OperationRequested;
import fr.picloud.contracts.order.OperationType;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestMessages;
import fr.picloud.provisioning.saga.application.SagaRepository;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaKind;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Day 2 against the OpenStack emulator, driven by order-service's commands on the real broker: a
 * completed order's server resized, stopped and started, its attached volume extended (Cinder's
 * microversion 3.42, which openstack4j does not send by itself), snapshotted and the snapshot deleted;
 * each an operation saga that ends COMPLETED and reports the resource as the cloud now has it.
 */
@PiCloudIntegrationTest
@TestPropertySource(
        properties = {
            "picloud.provisioning.saga.retry-backoff=PT0.05S",
            "picloud.provisioning.saga.max-backoff=PT0.2S",
            "picloud.provisioning.saga.poll-min=PT0.1S",
            "picloud.provisioning.saga.poll-max=PT0.5S",
            "picloud.openstack.resilience.circuit-breaker.minimum-number-of-calls=100000"
        })
class DayTwoSagaIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void openstack(DynamicPropertyRegistry properties) {
        TestCloud.register(properties);
    }

    @Autowired
    SagaRepository sagas;

    private final TestCloud cloud = TestCloud.get();
    private SagaWorld world;

    @BeforeEach
    void setUp() {
        world = new SagaWorld(sagas);
        cloud.clearFaults();
    }

    @AfterEach
    void tearDown() {
        cloud.clearFaults();
        world.close();
    }

    @Test
    void a_completed_order_is_resized_stopped_started_extended_and_snapshotted() {
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        UUID orderId = world.order(tenant, SagaWorld.vmStack(1, false));
        Saga provisioned = world.awaitStatus(orderId, SagaKind.PROVISION, SagaStatus.COMPLETED);
        List<ProvisionedResource> resources = provisionedResources(orderId);
        ProvisionedResource server = only(resources, "server");
        ProvisionedResource volume = only(resources, "volume");
        assertThat(server.flavor()).isEqualTo("m1.small");

        JsonNode resized = operate(orderId, tenant, OperationType.RESIZE, server, "m1.medium", 2, 4, null);
        assertThat(resized.path("resource").path("flavor").asString()).isEqualTo("m1.medium");
        assertThat(resized.path("resource").path("vcpus").asInt()).isEqualTo(2);
        assertThat(resized.path("resource").path("ramGb").asInt()).isEqualTo(4);

        JsonNode stopped = operate(orderId, tenant, OperationType.STOP, server, null, null, null, null);
        assertThat(stopped.path("running").asBoolean()).isFalse();
        assertThat(serverStatus(provisioned.projectId())).isEqualTo("SHUTOFF");
        JsonNode started = operate(orderId, tenant, OperationType.START, server, null, null, null, null);
        assertThat(started.path("running").asBoolean()).isTrue();
        assertThat(serverStatus(provisioned.projectId())).isEqualTo("ACTIVE");

        // the data volume is attached to the server: Cinder extends it only from microversion 3.42
        JsonNode extended = operate(orderId, tenant, OperationType.EXTEND_VOLUME, volume, null, null, null, 30);
        assertThat(extended.path("resource").path("sizeGb").asInt()).isEqualTo(30);

        JsonNode snapshotted = operate(orderId, tenant, OperationType.SNAPSHOT, volume, null, null, null, null);
        ProvisionedResource snapshot = JSON.treeToValue(snapshotted.path("resource"), ProvisionedResource.class);
        assertThat(snapshot.kind()).isEqualTo("volume-snapshot");
        assertThat(cloud.names(provisioned.projectId(), "snapshots"))
                .singleElement()
                .satisfies(name -> assertThat(name).endsWith("-" + snapshot.name()));

        JsonNode deleted = operate(orderId, tenant, OperationType.DELETE_SNAPSHOT, snapshot, null, null, null, null);
        assertThat(deleted.path("removed").path("openstackId").asString()).isEqualTo(snapshot.openstackId());
        assertThat(cloud.names(provisioned.projectId(), "snapshots")).isEmpty();
    }

    @Test
    void a_resize_or_a_stop_answered_503_without_being_done_is_sent_again_and_done() {
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        UUID orderId = world.order(tenant, SagaWorld.vmStack(1, false));
        Saga provisioned = world.awaitStatus(orderId, SagaKind.PROVISION, SagaStatus.COMPLETED);
        ProvisionedResource server = only(provisionedResources(orderId), "server");
        // the emulator answers the next resize and the next stop 503 and does neither; openstack4j 3.12
        // reports such an answer to a server action as a success
        cloud.faults("""
                {"createFailures": {"server_resize": {"count": 1, "status": 503},
                                    "server_stop": {"count": 1, "status": 503}}}""");

        JsonNode resized = operate(orderId, tenant, OperationType.RESIZE, server, "m1.medium", 2, 4, null);
        JsonNode stopped = operate(orderId, tenant, OperationType.STOP, server, null, null, null, null);

        assertThat(resized.path("resource").path("flavor").asString()).isEqualTo("m1.medium");
        assertThat(stopped.path("running").asBoolean()).isFalse();
        assertThat(serverStatus(provisioned.projectId())).isEqualTo("SHUTOFF");
    }

    /** Sends the operation, waits for its saga to end COMPLETED and returns its completion event's payload. */
    private JsonNode operate(
            UUID orderId,
            String tenant,
            OperationType type,
            ProvisionedResource target,
            String flavor,
            Integer vcpus,
            Integer ramGb,
            Integer sizeGb) {
        UUID operationId = UUID.randomUUID();
        world.messages()
                .send(
                        new OperationRequested(
                                operationId, orderId, tenant, type, target, flavor, vcpus, ramGb, sizeGb),
                        tenant,
                        orderId.toString());
        List<ConsumerRecord<String, byte[]>> outcomes = TestMessages.recordsOf(
                Topics.PROVISIONING_OUTCOMES,
                orderId.toString(),
                records -> records.stream().anyMatch(record -> isOf(record, operationId)),
                Duration.ofSeconds(90));
        ConsumerRecord<String, byte[]> outcome = outcomes.stream()
                .filter(record -> isOf(record, operationId))
                .findFirst()
                .orElseThrow();
        Saga saga = sagas.find(operationId).orElseThrow();
        assertThat(TestMessages.header(outcome, "ce_type"))
                .as("%s: saga %s %s (%s)", type, saga.status(), saga.kind(), saga.reason())
                .isEqualTo("picloud.provisioning.operation-completed");
        assertThat(saga.kind()).isEqualTo(SagaKind.OPERATION);
        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        return TestMessages.payload(outcome);
    }

    private static boolean isOf(ConsumerRecord<String, byte[]> record, UUID operationId) {
        return TestMessages.payload(record).path("operationId").asString().equals(operationId.toString());
    }

    private String serverStatus(String projectId) {
        JsonNode servers =
                cloud.inventory(projectId).path("projects").path(projectId).path("servers");
        assertThat(servers).hasSize(1);
        return servers.get(0).path("status").asString();
    }

    private static List<ProvisionedResource> provisionedResources(UUID orderId) {
        ConsumerRecord<String, byte[]> completed = TestMessages.recordsOf(
                        Topics.PROVISIONING_OUTCOMES, orderId.toString(), "picloud.provisioning.completed")
                .getLast();
        List<ProvisionedResource> resources = new java.util.ArrayList<>();
        TestMessages.payload(completed)
                .path("resources")
                .forEach(resource -> resources.add(JSON.treeToValue(resource, ProvisionedResource.class)));
        return resources;
    }

    private static ProvisionedResource only(List<ProvisionedResource> resources, String kind) {
        List<ProvisionedResource> ofKind = resources.stream()
                .filter(resource -> resource.kind().equals(kind))
                .toList();
        assertThat(ofKind).as(kind + "s of the order").hasSize(1);
        return ofKind.getFirst();
    }
}
