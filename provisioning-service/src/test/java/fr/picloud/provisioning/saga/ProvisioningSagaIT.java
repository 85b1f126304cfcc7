package fr.picloud.provisioning.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestMessages;
import fr.picloud.platform.test.TestTokens;
import fr.picloud.provisioning.saga.application.SagaRepository;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaKind;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The provisioning saga against the OpenStack emulator, driven by commands on the real broker: the
 * happy path, a failure and a lost answer at each step in turn, a compensation that fails, two
 * tenants at once, decommission, bad input and the operators' API.
 */
@PiCloudIntegrationTest
@TestPropertySource(
        properties = {
            "picloud.provisioning.saga.retry-backoff=PT0.05S",
            "picloud.provisioning.saga.max-backoff=PT0.2S",
            "picloud.provisioning.saga.poll-min=PT0.1S",
            "picloud.provisioning.saga.poll-max=PT0.5S",
            "picloud.provisioning.saga.max-attempts=4",
            "picloud.openstack.resilience.retry.max-attempts=2",
            "picloud.openstack.resilience.retry.initial-backoff=PT0.02S",
            // faults injected on purpose must not open a breaker that the next test would meet
            "picloud.openstack.resilience.circuit-breaker.minimum-number-of-calls=100000"
        })
class ProvisioningSagaIT {

    /** Template step name and emulator resource kind of each step of the reference VM stack. */
    private static final String STEPS = """
            network, network
            subnet, subnet
            router, router
            router-interface, router_interface
            security-group, security_group
            keypair, keypair
            data-volume-0, volume
            server-0, server
            volume-attachment-0, volume_attachment
            floating-ip, floatingip
            """;

    @DynamicPropertySource
    static void openstack(DynamicPropertyRegistry properties) {
        TestCloud.register(properties);
    }

    @Autowired
    SagaRepository sagas;

    @LocalServerPort
    int port;

    private final TestCloud cloud = TestCloud.get();
    private SagaWorld world;
    private ApiClient api;

    @BeforeEach
    void setUp() {
        world = new SagaWorld(sagas);
        api = new ApiClient(port);
        cloud.clearFaults();
    }

    @AfterEach
    void tearDown() {
        cloud.clearFaults();
        world.close();
    }

    private static String newTenant() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String ops() {
        return TestTokens.token("ops-duty", "dsic", "ops");
    }

    @Test
    void an_order_becomes_its_resources_and_the_inventory_billing_meters_from() {
        String tenant = newTenant();
        UUID orderId = world.order(tenant, SagaWorld.vmStack(2, true));

        Saga saga = world.awaitEnd(orderId, SagaKind.PROVISION);

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        List<ConsumerRecord<String, byte[]>> outcomes = TestMessages.recordsOf(
                Topics.PROVISIONING_OUTCOMES, orderId.toString(), "picloud.provisioning.completed");
        ConsumerRecord<String, byte[]> completed = outcomes.getLast();
        assertThat(TestMessages.header(completed, "ce_correlationid")).isEqualTo(orderId.toString());
        JsonNode payload = TestMessages.payload(completed);
        assertThat(payload.path("sagaId").asString()).isEqualTo(saga.id().toString());
        assertThat(payload.path("tenant").asString()).isEqualTo(tenant);
        List<String> kinds = new ArrayList<>();
        payload.path("resources")
                .forEach(resource -> kinds.add(resource.path("kind").asString()));
        assertThat(kinds)
                .containsExactlyInAnyOrder(
                        "network",
                        "subnet",
                        "router",
                        "router-interface",
                        "security-group",
                        "keypair",
                        "volume",
                        "volume",
                        "server",
                        "server",
                        "volume-attachment",
                        "volume-attachment",
                        "floating-ip");
        for (JsonNode resource : payload.path("resources")) {
            assertThat(resource.path("createdAt").isString())
                    .as("ready time of %s", resource)
                    .isTrue();
            switch (resource.path("kind").asString()) {
                case "server" -> {
                    assertThat(resource.path("flavor").asString()).isEqualTo("m1.small");
                    assertThat(resource.path("vcpus").asInt()).isEqualTo(1);
                    assertThat(resource.path("ramGb").asInt()).isEqualTo(2);
                }
                case "volume" -> assertThat(resource.path("sizeGb").asInt()).isEqualTo(20);
                case "floating-ip" ->
                    assertThat(resource.path("address").asString()).startsWith("172.24.4.");
                default -> {}
            }
        }

        String project = saga.projectId();
        String prefix = "pi-" + saga.id() + "-";
        assertThat(cloud.names(project, "servers")).containsExactlyInAnyOrder(prefix + "server-0", prefix + "server-1");
        assertThat(cloud.names(project, "volumes"))
                .containsExactlyInAnyOrder(prefix + "data-volume-0", prefix + "data-volume-1");
        assertThat(cloud.names(project, "networks")).containsExactly(prefix + "network");
        assertThat(cloud.names(project, "routers")).containsExactly(prefix + "router");
        assertThat(cloud.names(project, "floatingips")).hasSize(1);

        List<ConsumerRecord<String, byte[]>> progress = TestMessages.recordsOf(
                Topics.PROVISIONING_SAGAS,
                orderId.toString(),
                records -> TestMessages.typesOf(records).stream()
                                .filter("picloud.provisioning.saga-step-completed"::equals)
                                .count()
                        == saga.steps().size(),
                Duration.ofSeconds(30));
        assertThat(TestMessages.typesOf(progress)).contains("picloud.provisioning.saga-started");
        assertThat(progress)
                .allSatisfy(record -> assertThat(TestMessages.header(record, "ce_correlationid"))
                        .isEqualTo(orderId.toString()));
    }

    @ParameterizedTest(name = "failure at {0}")
    @CsvSource(textBlock = STEPS)
    void a_failure_at_each_step_compensates_everything_built_before_it(String step, String emulatorKind) {
        cloud.faults("{\"createFailures\": {\"" + emulatorKind + "\": {\"count\": 1, \"status\": 400}}}");
        UUID orderId = world.order(newTenant(), SagaWorld.vmStack(1, true));

        Saga saga = world.awaitEnd(orderId, SagaKind.PROVISION);

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.failedStep()).isEqualTo(step);
        assertThat(saga.reason()).contains("400");
        assertThat(cloud.resourcesIn(saga.projectId()))
                .as("what is left in the project after compensation: %s", cloud.inventory(saga.projectId()))
                .isZero();
        List<ConsumerRecord<String, byte[]>> outcomes = TestMessages.recordsOf(
                Topics.PROVISIONING_OUTCOMES,
                orderId.toString(),
                "picloud.provisioning.failed",
                "picloud.provisioning.compensated");
        assertThat(TestMessages.payload(outcomes.getFirst()).path("failedStep").asString())
                .isEqualTo(step);
    }

    @ParameterizedTest(name = "answer lost at {0}")
    @CsvSource(textBlock = STEPS)
    void a_lost_answer_at_each_step_adopts_what_was_made_instead_of_making_a_twin(String step, String emulatorKind) {
        cloud.faults("{\"lostResponses\": {\"" + emulatorKind + "\": 1}}");
        UUID orderId = world.order(newTenant(), SagaWorld.vmStack(1, true));

        Saga saga = world.awaitEnd(orderId, SagaKind.PROVISION);

        assertThat(saga.status())
                .as("saga after a lost answer at %s: %s", step, saga.reason())
                .isEqualTo(SagaStatus.COMPLETED);
        String project = saga.projectId();
        JsonNode inventory = cloud.inventory(project).path("projects").path(project);
        for (String kind :
                List.of("networks", "subnets", "routers", "security_groups", "servers", "volumes", "floatingips")) {
            assertThat(inventory.path(kind).size())
                    .as("%s in %s", kind, inventory)
                    .isEqualTo(1);
        }
        List<String> names = new ArrayList<>();
        inventory.forEach(resources ->
                resources.forEach(resource -> names.add(resource.path("name").asString())));
        List<String> named =
                names.stream().filter(name -> name.startsWith("pi-")).toList();
        assertThat(new HashSet<>(named)).as("no twin").hasSameSizeAs(named);
    }

    @Test
    void
            a_compensation_that_keeps_failing_ends_in_COMPENSATION_FAILED_with_an_alert_then_an_operator_retry_finishes_it() {
        cloud.faults("{\"createFailures\": {\"floatingip\": {\"count\": 1, \"status\": 400}},"
                + " \"deleteFailures\": {\"server\": 1000}}");
        UUID orderId = world.order(newTenant(), SagaWorld.vmStack(1, true));

        Saga saga = world.awaitEnd(orderId, SagaKind.PROVISION);

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATION_FAILED);
        List<ConsumerRecord<String, byte[]>> outcomes = TestMessages.recordsOf(
                Topics.PROVISIONING_OUTCOMES, orderId.toString(), "picloud.provisioning.compensation-failed");
        JsonNode alert = TestMessages.payload(outcomes.getLast());
        assertThat(alert.path("remaining").findValuesAsString("name")).contains("server-0");
        ApiClient.Response shown = api.get("/api/v1/sagas/" + saga.id(), ops());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("saga").path("status").asString()).isEqualTo("COMPENSATION_FAILED");
        assertThat(shown.json().path("remaining").findValuesAsString("kind")).contains("server");
        assertThat(cloud.names(saga.projectId(), "servers")).hasSize(1);

        cloud.clearFaults();
        ApiClient.Response retried = api.post("/api/v1/sagas/" + saga.id() + "/retry", ops(), "");

        assertThat(retried.status()).isEqualTo(202);
        Saga after = world.awaitStatus(orderId, SagaKind.PROVISION, SagaStatus.COMPENSATED);
        assertThat(cloud.resourcesIn(after.projectId())).isZero();
        JsonNode audit = api.get("/api/v1/sagas/" + saga.id(), ops()).json().path("audit");
        assertThat(audit.findValuesAsString("actor")).containsExactly("ops-duty");
        assertThat(audit.findValuesAsString("action")).containsExactly("RETRY");
    }

    @Test
    void two_tenants_sagas_interleaved_each_build_only_in_their_own_project() {
        String police = newTenant();
        String justice = newTenant();
        List<UUID> policeOrders = new ArrayList<>();
        List<UUID> justiceOrders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            policeOrders.add(world.order(police, SagaWorld.vmStack(1, false)));
            justiceOrders.add(world.order(justice, SagaWorld.vmStack(1, false)));
        }

        List<Saga> policeSagas = policeOrders.stream()
                .map(id -> world.awaitEnd(id, SagaKind.PROVISION))
                .toList();
        List<Saga> justiceSagas = justiceOrders.stream()
                .map(id -> world.awaitEnd(id, SagaKind.PROVISION))
                .toList();

        assertOnlyTheirs(policeSagas, justiceSagas);
        assertOnlyTheirs(justiceSagas, policeSagas);
    }

    private void assertOnlyTheirs(List<Saga> own, List<Saga> others) {
        assertThat(own).allSatisfy(saga -> assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED));
        String project = own.getFirst().projectId();
        assertThat(own).extracting(Saga::projectId).containsOnly(project);
        assertThat(others.getFirst().projectId()).isNotEqualTo(project);
        List<String> servers = cloud.names(project, "servers");
        assertThat(servers).hasSize(own.size());
        assertThat(servers)
                .allSatisfy(name -> assertThat(own.stream().anyMatch(saga -> name.startsWith("pi-" + saga.id())))
                        .as("server %s belongs to a saga of this tenant", name)
                        .isTrue());
    }

    @Test
    void a_decommission_deletes_every_resource_and_reports_what_was_removed() {
        String tenant = newTenant();
        UUID orderId = world.order(tenant, SagaWorld.vmStack(1, true));
        Saga provisioned = world.awaitStatus(orderId, SagaKind.PROVISION, SagaStatus.COMPLETED);

        world.decommission(orderId, tenant);

        Saga decommission = world.awaitEnd(orderId, SagaKind.DECOMMISSION);
        assertThat(decommission.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(cloud.resourcesIn(provisioned.projectId())).isZero();
        List<ConsumerRecord<String, byte[]>> outcomes = TestMessages.recordsOf(
                Topics.PROVISIONING_OUTCOMES, orderId.toString(), "picloud.provisioning.decommission-completed");
        JsonNode removed = TestMessages.payload(outcomes.getLast()).path("resources");
        assertThat(removed.size()).isEqualTo(provisioned.steps().size() - 1);
    }

    @Test
    void a_repeated_command_starts_nothing_twice() {
        String tenant = newTenant();
        UUID orderId = UUID.randomUUID();
        var request = new fr.picloud.contracts.order.ProvisioningRequested(
                orderId, tenant, SagaWorld.VM_STACK, "vm-stack", Map.of(), SagaWorld.vmStack(1, false));
        world.send(request);
        world.send(request);

        Saga saga = world.awaitEnd(orderId, SagaKind.PROVISION);

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(cloud.names(saga.projectId(), "servers")).hasSize(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"m1.nonexistent, debian-12, flavor", "m1.small, windows-3.11, image"})
    void an_unknown_flavor_or_image_fails_cleanly_with_a_readable_reason(String flavor, String image, String what) {
        UUID orderId = world.order(newTenant(), SagaWorld.vmStack(1, false, flavor, image));

        Saga saga = world.awaitEnd(orderId, SagaKind.PROVISION);

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.failedStep()).isEqualTo("server-0");
        assertThat(saga.reason()).containsIgnoringCase(what);
        assertThat(cloud.resourcesIn(saga.projectId())).isZero();
    }

    @Test
    void a_template_no_saga_can_be_planned_from_is_failed_at_once_and_nothing_is_built() {
        UUID orderId = UUID.randomUUID();
        world.send(new fr.picloud.contracts.order.ProvisioningRequested(
                orderId,
                newTenant(),
                SagaWorld.VM_STACK,
                "vm-stack",
                Map.of(),
                new fr.picloud.contracts.offering.ResourceTemplate(
                        Map.of(),
                        List.of(new fr.picloud.contracts.offering.ResourceTemplate.Resource(
                                "subnet", "subnet", List.of("missing-network"), null, null, Map.of())))));

        List<ConsumerRecord<String, byte[]>> outcomes = TestMessages.recordsOf(
                Topics.PROVISIONING_OUTCOMES,
                orderId.toString(),
                "picloud.provisioning.failed",
                "picloud.provisioning.compensated");

        assertThat(TestMessages.payload(outcomes.getFirst()).path("reason").asString())
                .contains("'subnet' depends on 'missing-network'");
        assertThat(world.saga(orderId, SagaKind.PROVISION).status()).isEqualTo(SagaStatus.COMPENSATED);
    }

    @Test
    void a_malformed_command_goes_to_the_dead_letter_topic_and_the_next_one_is_served() {
        UUID poisonKey = UUID.randomUUID();
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(
                Topics.PROVISIONING_COMMANDS,
                poisonKey.toString(),
                "{\"orderId\": 42".getBytes(StandardCharsets.UTF_8));
        poison.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
        poison.headers()
                .add(new RecordHeader("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
        poison.headers().add(new RecordHeader("ce_source", "/picloud/test".getBytes(StandardCharsets.UTF_8)));
        poison.headers()
                .add(new RecordHeader(
                        "ce_type", "picloud.order.provisioning-requested".getBytes(StandardCharsets.UTF_8)));
        world.messages().send(poison);
        UUID orderId = world.order(newTenant(), SagaWorld.vmStack(1, false));

        TestMessages.recordsOf(
                Topics.deadLetterOf(Topics.PROVISIONING_COMMANDS, "provisioning-service"),
                poisonKey.toString(),
                records -> !records.isEmpty(),
                Duration.ofSeconds(60));
        assertThat(world.awaitEnd(orderId, SagaKind.PROVISION).status()).isEqualTo(SagaStatus.COMPLETED);
    }

    @Test
    void an_operator_can_force_a_running_saga_to_compensate() {
        cloud.faults("{\"serverBuildMs\": 120000}");
        UUID orderId = world.order(newTenant(), SagaWorld.vmStack(1, false));
        awaitServerBuilding(orderId);
        Saga running = world.saga(orderId, SagaKind.PROVISION);

        ApiClient.Response forced = api.post("/api/v1/sagas/" + running.id() + "/compensate", ops(), "");

        assertThat(forced.status()).isEqualTo(202);
        Saga saga = world.awaitEnd(orderId, SagaKind.PROVISION);
        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.reason()).contains("operator");
        assertThat(cloud.resourcesIn(saga.projectId())).isZero();
        assertThat(api.post("/api/v1/sagas/" + running.id() + "/compensate", ops(), "")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void a_saga_whose_project_is_gone_compensates_with_nothing_to_delete_and_says_why() {
        cloud.faults("{\"serverBuildMs\": 120000}");
        UUID orderId = world.order(newTenant(), SagaWorld.vmStack(1, false));
        awaitServerBuilding(orderId);
        Saga running = world.saga(orderId, SagaKind.PROVISION);
        // what a saga met when an emulator that kept its cloud in memory was restarted under it: its
        // next call cannot log in to the project, the step fails, and the compensation finds the project gone
        cloud.deleteProject(running.projectId());

        Saga saga = world.awaitEnd(orderId, SagaKind.PROVISION);

        assertThat(saga.status())
                .as("saga after its project went: %s", saga.reason())
                .isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.steps())
                .filteredOn(step -> step.resource() != null && !step.kind().equals("project"))
                .isNotEmpty()
                .allSatisfy(
                        step -> assertThat(step.lastError()).contains("project " + running.projectId() + " is gone"));
    }

    private void awaitServerBuilding(UUID orderId) {
        await("the server step to wait for the build")
                .atMost(Duration.ofSeconds(60))
                .until(() -> sagas.findByOrder(orderId, SagaKind.PROVISION)
                        .map(saga -> saga.step("server-0").status().name().equals("WAITING"))
                        .orElse(false));
    }

    @Test
    void the_operators_api_lists_by_state_and_order_and_is_for_ops_only() {
        UUID orderId = world.order(newTenant(), SagaWorld.vmStack(1, false));
        Saga saga = world.awaitEnd(orderId, SagaKind.PROVISION);

        JsonNode listed = api.get("/api/v1/sagas?orderId=" + orderId, ops()).json();
        assertThat(listed.findValuesAsString("id")).containsExactly(saga.id().toString());
        JsonNode completed =
                api.get("/api/v1/sagas?state=completed&limit=1000", ops()).json();
        assertThat(completed.findValuesAsString("status")).containsOnly("COMPLETED");
        JsonNode details = api.get("/api/v1/sagas/" + saga.id(), ops()).json();
        assertThat(details.path("steps").size()).isEqualTo(saga.steps().size());
        assertThat(details.path("steps").get(0).path("durationMs").isNumber()).isTrue();

        assertThat(api.get("/api/v1/sagas?state=sleeping", ops()).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/sagas/" + UUID.randomUUID(), ops()).status())
                .isEqualTo(404);
        ApiClient.Response garbled = api.get("/api/v1/sagas/not-a-saga-id", ops());
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/sagas?orderId=42", ops()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/sagas?limit=0", ops()).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/sagas/not-a-saga-id/retry", ops(), "").status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/sagas", TestTokens.token("agent-police", "police", "agent"))
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/sagas/" + saga.id() + "/retry", ops(), "").status())
                .isEqualTo(409);
    }

    /**
     * Keystone refuses the service account (the emulator answers 401 to every identity call) while an
     * order is provisioned: what the order's timeline shows agents (the outcome events' reason, which
     * order-service records as it is) is a code, a sentence in French and English and a reference; the
     * full text, with the account and the Keystone URL, is for ops, on the saga, under that reference.
     */
    @Test
    void an_agent_is_told_a_code_a_sentence_and_a_reference_and_ops_the_full_text() {
        cloud.faults("{\"services\": {\"identity\": {\"errorRate\": 1.0, \"errorStatus\": 401}}}");
        UUID orderId = world.order(newTenant(), SagaWorld.vmStack(1, false));
        TestMessages.recordsOf(Topics.PROVISIONING_OUTCOMES, orderId.toString(), "picloud.provisioning.failed");
        cloud.clearFaults();
        Saga saga = world.awaitEnd(orderId, SagaKind.PROVISION);
        List<ConsumerRecord<String, byte[]>> outcomes = TestMessages.recordsOf(
                Topics.PROVISIONING_OUTCOMES,
                orderId.toString(),
                "picloud.provisioning.failed",
                "picloud.provisioning.compensated");
        String reference = "PF-" + saga.id().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);

        for (ConsumerRecord<String, byte[]> outcome : outcomes) {
            assertThat(TestMessages.payload(outcome).path("reason").asString())
                    .as("what agents read of %s", TestMessages.header(outcome, "ce_type"))
                    .contains("PLATFORM_FAULT", "Incident de la plateforme", "Platform fault", reference)
                    .doesNotContain("://", "localhost", "admin", "Exception", "unexpected", "\tat ")
                    .doesNotContainPattern("\\b[a-z0-9]+(\\.[a-z0-9]+)+\\.[A-Z]\\w+");
        }
        JsonNode forOps = api.get("/api/v1/sagas/" + saga.id(), ops()).json().path("saga");
        assertThat(forOps.path("reason").asString())
                .as("ops read the full text")
                .contains("Unauthorized")
                .doesNotContain("PLATFORM_FAULT");
        assertThat(forOps.path("id").asString().toUpperCase(java.util.Locale.ROOT))
                .as("ops find it by the reference the agent quotes")
                .startsWith(reference.substring("PF-".length()));
    }
}
