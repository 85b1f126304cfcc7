package fr.picloud.provisioning.saga.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SagaTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static Saga saga() {
        return Saga.provision(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "police",
                UUID.randomUUID(),
                null,
                SagaPlanner.plan(SagaPlannerTest.vmStack(1, true)),
                NOW,
                NOW.plus(Duration.ofMinutes(30)));
    }

    private static Saga done(Saga saga, String... names) {
        for (String name : names) {
            saga = saga.with(saga.step(name).creating(NOW).done(new CloudResource("x", name + "-id", Map.of()), NOW));
        }
        return saga;
    }

    @Test
    void only_the_project_runs_first_then_what_depends_on_nothing_else_in_parallel() {
        Saga saga = saga();
        assertThat(saga.runnableSteps()).extracting(SagaStep::name).containsExactly("project");

        saga = done(saga, "project");
        assertThat(saga.runnableSteps())
                .extracting(SagaStep::name)
                .containsExactlyInAnyOrder("network", "router", "security-group", "keypair", "data-volume-0");
    }

    @Test
    void compensation_undoes_in_reverse_dependency_order_and_skips_what_never_began() {
        Saga saga = done(saga(), "project", "network", "subnet", "router");
        saga = saga.with(saga.step("router-interface").creating(NOW));
        saga = saga.compensate("router-interface", "400 Bad Request", NOW);

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(saga.step("server-0").status()).isEqualTo(StepStatus.UNDONE);
        assertThat(saga.step("project").status()).isEqualTo(StepStatus.UNDONE);
        // the interface (in doubt: its create may have happened) goes first, then router and subnet, then network
        assertThat(saga.undoableSteps()).extracting(SagaStep::name).containsExactly("router-interface");

        saga = saga.with(saga.step("router-interface").undone(NOW));
        assertThat(saga.undoableSteps()).extracting(SagaStep::name).containsExactlyInAnyOrder("subnet", "router");

        saga = saga.with(saga.step("subnet").undone(NOW))
                .with(saga.step("router").undone(NOW));
        assertThat(saga.undoableSteps()).extracting(SagaStep::name).containsExactly("network");
        saga = saga.with(saga.step("network").undone(NOW));
        assertThat(saga.compensationOver()).isTrue();
    }

    @Test
    void a_failed_undo_blocks_what_it_stands_on_and_an_operator_retry_resumes_it() {
        Saga saga = done(saga(), "project", "network", "subnet");
        saga = saga.compensate("router", "quota", NOW);
        saga = saga.with(saga.step("subnet").undoFailed("500", NOW));

        assertThat(saga.undoableSteps()).isEmpty();
        assertThat(saga.undoFailures()).extracting(SagaStep::name).containsExactly("subnet");

        Saga failed = saga.finish(SagaStatus.COMPENSATION_FAILED, NOW);
        Saga retried = failed.retry(NOW, NOW.plus(Duration.ofMinutes(30)));
        assertThat(retried.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(retried.step("subnet").status()).isEqualTo(StepStatus.UNDOING);
        assertThat(retried.step("subnet").attempts()).isZero();
        assertThat(retried.undoableSteps()).extracting(SagaStep::name).containsExactly("subnet");
    }

    @Test
    void a_decommission_deletes_what_the_provisioning_built() {
        Saga completed = done(saga(), "project", "network").finish(SagaStatus.COMPLETED, NOW);
        Saga decommission = Saga.decommission(UUID.randomUUID(), completed, NOW, NOW.plusSeconds(60));

        assertThat(decommission.kind()).isEqualTo(SagaKind.DECOMMISSION);
        assertThat(decommission.undoableSteps()).extracting(SagaStep::name).containsExactly("network");
    }

    @Test
    void a_saga_past_its_deadline_is_stuck_until_it_ends() {
        Saga saga = saga();
        assertThat(saga.stuck(NOW.plus(Duration.ofMinutes(31)))).isTrue();
        assertThat(saga.finish(SagaStatus.COMPENSATED, NOW).stuck(NOW.plus(Duration.ofHours(1))))
                .isFalse();
    }
}
