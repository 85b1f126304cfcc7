package fr.picloud.provisioning.saga;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.provisioning.saga.application.SagaRepository;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaKind;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** A saga whose server never finishes building in time stops at its deadline and compensates. */
@PiCloudIntegrationTest
@TestPropertySource(
        properties = {
            "picloud.provisioning.saga.deadline=PT4S",
            "picloud.provisioning.saga.poll-min=PT0.2S",
            "picloud.provisioning.saga.poll-max=PT0.5S"
        })
class SagaDeadlineIT {

    @DynamicPropertySource
    static void openstack(DynamicPropertyRegistry properties) {
        TestCloud.register(properties);
    }

    @Autowired
    SagaRepository sagas;

    private final TestCloud cloud = TestCloud.get();

    @AfterEach
    void clear() {
        cloud.clearFaults();
    }

    @Test
    void a_saga_past_its_deadline_compensates_everything_it_built() {
        cloud.faults("{\"serverBuildMs\": 600000}");
        try (SagaWorld world = new SagaWorld(sagas)) {
            UUID orderId = world.order("t" + UUID.randomUUID().toString().substring(0, 8), SagaWorld.vmStack(1, false));

            Saga saga = world.awaitEnd(orderId, SagaKind.PROVISION);

            assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
            assertThat(saga.reason()).contains("deadline");
            assertThat(cloud.resourcesIn(saga.projectId())).isZero();
        }
    }
}
