package fr.picloud.localstack.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.offering.ResourceTemplate.Resource;
import fr.picloud.contracts.order.ProvisioningRequested;
import fr.picloud.localstack.provisioning.SagaTable.SagaRow;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 21: the whole stack (PostgreSQL, Kafka, the token issuer, the OpenStack emulator,
 * provisioning-service) stopped while sagas run, as {@code ./picloud down} stops it, and started
 * again on what it left, as {@code ./picloud up} does: every saga resumes against the same cloud and
 * completes, and the tenant's project holds exactly the completed sagas' resources. Before the
 * emulator kept its state, the restarted stack met an empty cloud and the sagas could not log in to
 * their project.
 */
class StackRestartIT {

    private static final String TENANT = "police";
    private static final int SAGAS = 3;

    private final Path root = Path.of("target", "stack-restart").toAbsolutePath();
    private DrillStack stack;
    private Messages messages;

    @AfterEach
    void stop() {
        if (messages != null) {
            messages.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void a_stack_stopped_mid_saga_and_started_again_finishes_every_saga_against_the_same_cloud() throws Exception {
        Instant began = Instant.now();
        // servers build for long enough that the stop finds every saga waiting on its server
        stack = DrillStack.in(root).serverBuildTime(Duration.ofSeconds(15)).start();
        messages = new Messages(stack.kafka.bootstrapServers());
        for (int i = 0; i < SAGAS; i++) {
            UUID orderId = UUID.randomUUID();
            messages.send(
                    new ProvisioningRequested(
                            orderId,
                            TENANT,
                            UUID.fromString("3c9a7b1e-5d2f-4a6b-8c0d-1e2f3a4b5c6d"),
                            "restart-vm",
                            Map.of("instanceCount", 1),
                            template(i),
                            new ProvisioningRequested.ProjectQuota(100, 400, 5000, 20, 5)),
                    TENANT,
                    orderId.toString());
        }
        messages.flush();
        SagaTable sagas = sagaTable();
        await("every saga to wait on its server build")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> sagas.steps().stream()
                                .filter(step -> step.kind().equals("server"))
                                .filter(step -> step.status().equals("WAITING"))
                                .count()
                        == SAGAS);
        assertThat(sagas.countByStatus()).as("sagas at the stop").containsEntry("RUNNING", SAGAS);
        messages.close();
        messages = null;
        Instant stopping = Instant.now();
        stack.close();

        stack = DrillStack.in(root)
                .serverBuildTime(Duration.ofSeconds(2))
                .keepingState()
                .start();
        Duration restart = Duration.between(stopping, Instant.now());
        SagaTable resumed = sagaTable();
        await("every saga to end after the restart")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Map<String, Integer> counts = resumed.countByStatus();
                    return counts.getOrDefault("RUNNING", 0) == 0 && counts.getOrDefault("COMPENSATING", 0) == 0;
                });

        List<SagaRow> rows = resumed.provisionSagas();
        assertThat(rows)
                .as("sagas after the restart")
                .hasSize(SAGAS)
                .allSatisfy(saga -> assertThat(saga.status())
                        .as("saga %s: %s", saga.id(), saga.reason())
                        .isEqualTo("COMPLETED"));
        String projectId = stack.emulator.projectId("picloud-" + TENANT);
        JsonNode project = stack.emulator.inventory().path("projects").path(projectId);
        InventoryAudit audit = InventoryAudit.of(project, stack.emulator.ports(projectId), rows, resumed.steps());
        assertThat(audit.orphans).as("orphans").isEmpty();
        assertThat(audit.twins).as("twins").isEmpty();
        assertThat(audit.missing)
                .as("resources of completed sagas that are missing")
                .isEmpty();
        assertThat(project.path("servers")).hasSize(SAGAS);
        System.out.printf(
                "[stack-restart] %d sagas COMPLETED across a whole-stack restart (%d s to restart), %d resources, %d s in all%n",
                SAGAS,
                restart.toSeconds(),
                audit.resources,
                Duration.between(began, Instant.now()).toSeconds());
    }

    private SagaTable sagaTable() {
        DrillStack current = stack;
        return new SagaTable(() -> {
            try {
                return current.connect("provisioning");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A network behind a router, a security group, a server and its attached data volume; a subnet of its own per saga. */
    private static ResourceTemplate template(int index) {
        return new ResourceTemplate(
                Map.of("m1.small", new ResourceTemplate.Flavor(1, 2)),
                List.of(
                        new Resource("network", "network", List.of(), null, null, Map.of()),
                        new Resource(
                                "subnet",
                                "subnet",
                                List.of("network"),
                                null,
                                null,
                                Map.of("cidr", "10.30." + index + ".0/24", "ipVersion", 4)),
                        new Resource("router", "router", List.of(), null, null, Map.of("externalNetwork", "public")),
                        new Resource(
                                "router-interface",
                                "router-interface",
                                List.of("router", "subnet"),
                                null,
                                null,
                                Map.of()),
                        new Resource("security-group", "security-group", List.of(), null, null, Map.of()),
                        new Resource("data-volume", "volume", List.of(), 1, null, Map.of("sizeGb", 10)),
                        new Resource(
                                "server",
                                "server",
                                List.of("subnet", "security-group"),
                                1,
                                null,
                                Map.of("flavor", "m1.small", "image", "debian-12")),
                        new Resource(
                                "volume-attachment",
                                "volume-attachment",
                                List.of("server", "data-volume"),
                                null,
                                null,
                                Map.of())));
    }
}
