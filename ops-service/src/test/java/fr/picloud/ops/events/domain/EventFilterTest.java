package fr.picloud.ops.events.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static PlatformEvent event(String type, String tenant, String correlation, String subject) {
        return new PlatformEvent(
                UUID.randomUUID(),
                type,
                1,
                "/test",
                subject,
                tenant,
                correlation,
                null,
                Instant.now(),
                "picloud.orders",
                0,
                0,
                subject,
                "{}");
    }

    @Test
    void blank_criteria_let_everything_through() {
        assertThat(new EventFilter(" ", "", null).matches(event("picloud.order.placed", null, null, "o1")))
                .isTrue();
    }

    @Test
    void type_is_exact_unless_it_ends_with_a_star() {
        PlatformEvent started = event("picloud.provisioning.saga-started", "police", "o1", "o1");

        assertThat(new EventFilter("picloud.provisioning.saga-started", null, null).matches(started))
                .isTrue();
        assertThat(new EventFilter("picloud.provisioning.saga", null, null).matches(started))
                .isFalse();
        assertThat(new EventFilter("picloud.provisioning.saga-*", null, null).matches(started))
                .isTrue();
        assertThat(new EventFilter("picloud.order.*", null, null).matches(started))
                .isFalse();
    }

    @Test
    void order_matches_the_correlation_or_the_subject_and_tenant_must_be_equal() {
        PlatformEvent step = event("picloud.provisioning.saga-step-completed", "police", "o1", "saga-9");

        assertThat(new EventFilter(null, "police", "o1").matches(step)).isTrue();
        assertThat(new EventFilter(null, null, "saga-9").matches(step)).isTrue();
        assertThat(new EventFilter(null, "secciv", "o1").matches(step)).isFalse();
        assertThat(new EventFilter(null, null, "o2").matches(step)).isFalse();
    }

    @Test
    void the_stage_comes_from_the_topic() {
        assertThat(Stage.ofTopic("picloud.catalog.offerings")).isEqualTo(Stage.CATALOGUE);
        assertThat(Stage.ofTopic("picloud.orders.requests")).isEqualTo(Stage.ORDER);
        assertThat(Stage.ofTopic("picloud.provisioning.sagas")).isEqualTo(Stage.SAGA);
        assertThat(Stage.ofTopic("picloud.provisioning.outcomes")).isEqualTo(Stage.PROVISIONING);
        assertThat(Stage.ofTopic("picloud.billing")).isEqualTo(Stage.BILLING);
        assertThat(Stage.ofTopic("something.else")).isEqualTo(Stage.OTHER);
    }
}
