package fr.picloud.ops.alerts.domain;

import static fr.picloud.ops.alerts.domain.SagaWatch.COMPENSATED;
import static fr.picloud.ops.alerts.domain.SagaWatch.COMPENSATION_FAILED;
import static fr.picloud.ops.alerts.domain.SagaWatch.COMPLETED;
import static fr.picloud.ops.alerts.domain.SagaWatch.DECOMMISSION_COMPLETED;
import static fr.picloud.ops.alerts.domain.SagaWatch.SAGA_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SagaWatchTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Duration STUCK_AFTER = Duration.ofMinutes(45);

    private static SagaWatch.Fact fact(String type, String order, int minute) {
        return new SagaWatch.Fact(type, order, "saga-" + order, "police", T0.plusSeconds(60L * minute), type);
    }

    @Test
    void a_saga_started_long_ago_without_an_end_is_stuck() {
        List<SagaAlert> alerts =
                SagaWatch.alerts(List.of(fact(SAGA_STARTED, "o1", 0)), T0.plus(Duration.ofHours(1)), STUCK_AFTER);

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(SagaAlert.Kind.STUCK_SAGA);
            assertThat(alert.orderId()).isEqualTo("o1");
            assertThat(alert.since()).isEqualTo(T0);
        });
    }

    @Test
    void a_saga_still_within_its_time_is_not_stuck() {
        assertThat(SagaWatch.alerts(List.of(fact(SAGA_STARTED, "o1", 0)), T0.plus(Duration.ofMinutes(44)), STUCK_AFTER))
                .isEmpty();
    }

    @Test
    void every_end_event_ends_a_saga() {
        List<SagaWatch.Fact> facts = List.of(
                fact(SAGA_STARTED, "o1", 0),
                fact(COMPLETED, "o1", 5),
                fact(SAGA_STARTED, "o2", 0),
                fact(COMPENSATED, "o2", 5),
                fact(SAGA_STARTED, "o3", 0),
                fact(DECOMMISSION_COMPLETED, "o3", 5));

        assertThat(SagaWatch.alerts(facts, T0.plus(Duration.ofDays(1)), STUCK_AFTER))
                .isEmpty();
    }

    @Test
    void a_failed_compensation_stays_until_a_later_compensation_succeeds() {
        List<SagaWatch.Fact> failed = List.of(fact(SAGA_STARTED, "o1", 0), fact(COMPENSATION_FAILED, "o1", 5));
        List<SagaWatch.Fact> retriedAndCompensated =
                List.of(fact(SAGA_STARTED, "o1", 0), fact(COMPENSATION_FAILED, "o1", 5), fact(COMPENSATED, "o1", 20));

        assertThat(SagaWatch.alerts(failed, T0.plus(Duration.ofDays(1)), STUCK_AFTER))
                .extracting(SagaAlert::kind)
                .containsExactly(SagaAlert.Kind.COMPENSATION_FAILED);
        assertThat(SagaWatch.alerts(retriedAndCompensated, T0.plus(Duration.ofDays(1)), STUCK_AFTER))
                .isEmpty();
    }

    @Test
    void a_decommission_started_after_a_completed_provisioning_is_watched_on_its_own() {
        List<SagaWatch.Fact> facts =
                List.of(fact(SAGA_STARTED, "o1", 0), fact(COMPLETED, "o1", 5), fact(SAGA_STARTED, "o1", 60));

        assertThat(SagaWatch.alerts(facts, T0.plus(Duration.ofMinutes(200)), STUCK_AFTER))
                .singleElement()
                .satisfies(alert -> assertThat(alert.since()).isEqualTo(T0.plusSeconds(3600)));
    }
}
