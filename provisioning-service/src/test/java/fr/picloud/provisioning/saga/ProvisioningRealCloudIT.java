package fr.picloud.provisioning.saga;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.contracts.order.ProvisioningRequested;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.provisioning.saga.application.SagaRepository;
import fr.picloud.provisioning.saga.domain.Cloud;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaKind;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import fr.picloud.provisioning.saga.domain.SagaStep;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The saga against a real OpenStack (CI: Zed on loopback, {@code infra/openstack-dev/ci-conformance}),
 * found the way the openstack CLI finds it ({@code OS_CLOUD} and clouds.yaml, or {@code OS_*}). Runs
 * only when {@code PICLOUD_REAL_OPENSTACK=1}: the reference VM stack is built then decommissioned, and
 * a quota that refuses the server makes the saga compensate everything it built before.
 */
@PiCloudIntegrationTest
@EnabledIfEnvironmentVariable(named = "PICLOUD_REAL_OPENSTACK", matches = "1|true")
class ProvisioningRealCloudIT {

    @Autowired
    SagaRepository sagas;

    @Autowired
    Cloud cloud;

    private SagaWorld world;

    @BeforeEach
    void setUp() {
        world = new SagaWorld(sagas);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static String newTenant() {
        return "ci" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void the_reference_vm_stack_is_built_then_decommissioned_leaving_nothing() {
        String tenant = newTenant();
        UUID orderId = world.order(tenant, SagaWorld.vmStack(1, true));

        Saga built = world.awaitEnd(orderId, SagaKind.PROVISION);
        assertThat(built.status()).as("saga: %s", built.reason()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(leftIn(built))
                .as("what the saga built, found again by name")
                .hasSize(built.steps().size() - 3);
        System.out.printf(
                "real OpenStack: reference VM stack provisioned in %d ms%n",
                built.finishedAt().toEpochMilli() - built.createdAt().toEpochMilli());

        world.decommission(orderId, tenant);

        Saga removed = world.awaitEnd(orderId, SagaKind.DECOMMISSION);
        assertThat(removed.status()).as("decommission: %s", removed.reason()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(leftIn(built)).isEmpty();
    }

    @Test
    void a_quota_refusing_the_server_makes_the_saga_compensate_everything_it_built() {
        UUID orderId = UUID.randomUUID();
        world.send(new ProvisioningRequested(
                orderId,
                newTenant(),
                SagaWorld.VM_STACK,
                "vm-stack",
                Map.of(),
                SagaWorld.vmStack(1, true),
                new ProvisioningRequested.ProjectQuota(20, 64, 1000, 0, 2)));

        Saga saga = world.awaitEnd(orderId, SagaKind.PROVISION);

        assertThat(saga.status()).as("saga: %s", saga.reason()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.failedStep()).isEqualTo("server-0");
        assertThat(leftIn(saga)).isEmpty();
        System.out.printf(
                "real OpenStack: failure at the server step compensated in %d ms%n",
                saga.finishedAt().toEpochMilli() - saga.createdAt().toEpochMilli());
    }

    /** The saga's resources that the cloud still has, looked up by their unique names. */
    private List<String> leftIn(Saga saga) {
        return saga.steps().stream()
                // an interface and an attachment go with their router and volume; the rest have names
                .filter(step -> !List.of("project", "router-interface", "volume-attachment")
                        .contains(step.kind()))
                .filter(step -> cloud.find(saga.projectId(), spec(saga, step)).isPresent())
                .map(SagaStep::name)
                .toList();
    }

    private static ResourceSpec spec(Saga saga, SagaStep step) {
        return new ResourceSpec(
                step.kind(), "pi-" + saga.id() + "-" + step.name(), step.plan().properties(), Map.of());
    }
}
