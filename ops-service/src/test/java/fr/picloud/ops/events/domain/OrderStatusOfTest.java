package fr.picloud.ops.events.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderStatusOfTest {

    @Test
    void the_last_event_tells_the_status_order_service_would_show() {
        assertThat(OrderStatusOf.afterEvent("picloud.order.placed")).contains("PENDING_APPROVAL");
        assertThat(OrderStatusOf.afterEvent("picloud.order.expired")).contains("CANCELLED");
        assertThat(OrderStatusOf.afterEvent("picloud.provisioning.compensated")).contains("FAILED");
        assertThat(OrderStatusOf.afterEvent("picloud.provisioning.decommission-completed"))
                .contains("DECOMMISSIONED");
        assertThat(OrderStatusOf.afterEvent("picloud.provisioning.saga-step-started"))
                .isEmpty();
    }

    @Test
    void every_lifecycle_type_maps_to_a_known_status() {
        assertThat(OrderStatusOf.lifecycleTypes())
                .allSatisfy(type -> assertThat(OrderStatusOf.afterEvent(type))
                        .hasValueSatisfying(
                                status -> assertThat(OrderStatusOf.STATUSES).contains(status)));
    }
}
