package fr.picloud.order.ordering.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.provisioning.SagaCompensationCompleted;
import fr.picloud.contracts.provisioning.SagaCompensationStarted;
import fr.picloud.contracts.provisioning.SagaStarted;
import fr.picloud.contracts.provisioning.SagaStepCompensated;
import fr.picloud.contracts.provisioning.SagaStepCompleted;
import fr.picloud.contracts.provisioning.SagaStepFailed;
import fr.picloud.contracts.provisioning.SagaStepStarted;
import fr.picloud.order.ordering.domain.SagaProgress.Phase;
import fr.picloud.order.ordering.domain.SagaProgress.Step;
import fr.picloud.order.ordering.domain.SagaProgress.StepState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SagaProgressTest {

    static final UUID SAGA = UUID.randomUUID();
    static final UUID ORDER = UUID.randomUUID();
    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    static SagaProgress started() {
        return SagaProgress.first(
                new SagaStarted(SAGA, ORDER, "police", "PROVISION", List.of("network", "server", "volume")), T0);
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void a_started_saga_lists_its_steps_pending_in_order() {
        SagaProgress progress = started();

        assertThat(progress.kind()).isEqualTo("PROVISION");
        assertThat(progress.phase()).isEqualTo(Phase.RUNNING);
        assertThat(progress.steps()).extracting(Step::name).containsExactly("network", "server", "volume");
        assertThat(progress.steps()).extracting(Step::state).containsOnly(StepState.PENDING);
    }

    @Test
    void each_step_runs_then_is_done_with_what_it_made_and_the_saga_completes_with_its_last() {
        SagaProgress progress = started()
                .apply(new SagaStepStarted(SAGA, ORDER, "network", 1), at(1))
                .apply(new SagaStepCompleted(SAGA, ORDER, "network", null, 120), at(2))
                .apply(new SagaStepStarted(SAGA, ORDER, "server", 1), at(3));

        assertThat(progress.steps())
                .extracting(Step::state)
                .containsExactly(StepState.DONE, StepState.RUNNING, StepState.PENDING);
        assertThat(progress.phase()).isEqualTo(Phase.RUNNING);

        SagaProgress done = progress.apply(
                        new SagaStepCompleted(
                                SAGA, ORDER, "server", new ProvisionedResource("app-0", "server", "s-1"), 900),
                        at(4))
                .apply(new SagaStepStarted(SAGA, ORDER, "volume", 1), at(5))
                .apply(new SagaStepCompleted(SAGA, ORDER, "volume", null, 300), at(6));

        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(done.steps().get(1)).isEqualTo(new Step("server", StepState.DONE, 1, 900L, "server app-0", null));
        assertThat(done.updatedAt()).isEqualTo(at(6));
        assertThat(done.startedAt()).isEqualTo(T0);
    }

    @Test
    void a_failure_that_will_be_retried_keeps_the_saga_running_with_its_reason() {
        SagaProgress progress = started()
                .apply(new SagaStepStarted(SAGA, ORDER, "network", 1), at(1))
                .apply(new SagaStepFailed(SAGA, ORDER, "network", "neutron answered 503", true), at(2))
                .apply(new SagaStepStarted(SAGA, ORDER, "network", 2), at(3));

        assertThat(progress.phase()).isEqualTo(Phase.RUNNING);
        assertThat(progress.steps().getFirst())
                .isEqualTo(new Step("network", StepState.RUNNING, 2, null, null, "neutron answered 503"));
    }

    @Test
    void a_final_failure_compensates_and_the_saga_ends_compensated_never_completed_again() {
        SagaProgress progress = started()
                .apply(new SagaStepCompleted(SAGA, ORDER, "network", null, 10), at(1))
                .apply(new SagaStepFailed(SAGA, ORDER, "server", "no valid host", false), at(2));
        assertThat(progress.phase()).isEqualTo(Phase.COMPENSATING);
        assertThat(progress.steps().get(1).state()).isEqualTo(StepState.FAILED);

        SagaProgress compensated = progress.apply(
                        new SagaCompensationStarted(SAGA, ORDER, "no valid host", List.of("network")), at(3))
                .apply(new SagaStepCompensated(SAGA, ORDER, "network"), at(4))
                .apply(new SagaCompensationCompleted(SAGA, ORDER), at(5));

        assertThat(compensated.phase()).isEqualTo(Phase.COMPENSATED);
        assertThat(compensated.steps())
                .extracting(Step::state)
                .containsExactly(StepState.COMPENSATED, StepState.FAILED, StepState.PENDING);
        assertThat(compensated
                        .apply(new SagaCompensationStarted(SAGA, ORDER, "again", List.of()), at(6))
                        .phase())
                .isEqualTo(Phase.COMPENSATED);
    }

    @Test
    void the_same_event_twice_changes_nothing_more() {
        SagaStepCompleted completed = new SagaStepCompleted(SAGA, ORDER, "network", null, 10);
        SagaProgress once = started().apply(completed, at(1));

        assertThat(once.apply(completed, at(1))).isEqualTo(once);
    }

    @Test
    void steps_heard_of_before_the_start_keep_their_state_and_take_their_place() {
        SagaProgress early = SagaProgress.first(new SagaStepCompleted(SAGA, ORDER, "server", null, 10), at(2));
        assertThat(early.kind()).isNull();
        assertThat(early.phase()).isEqualTo(Phase.RUNNING);

        SagaProgress progress =
                early.apply(new SagaStarted(SAGA, ORDER, "police", "PROVISION", List.of("network", "server")), T0);

        assertThat(progress.steps())
                .extracting(Step::name, Step::state)
                .containsExactly(tuple("network", StepState.PENDING), tuple("server", StepState.DONE));
        assertThat(progress.startedAt()).isEqualTo(T0);
        assertThat(progress.updatedAt()).isEqualTo(at(2));
    }

    @Test
    void another_sagas_event_is_refused() {
        assertThatThrownBy(() -> started().apply(new SagaCompensationCompleted(UUID.randomUUID(), ORDER), at(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
