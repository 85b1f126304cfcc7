package fr.picloud.order.ordering.adapter.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Open feeds end when the service shuts down, so that a graceful shutdown does not wait for them. */
class OrderFeedsTest {

    @Test
    void closing_ends_every_open_feed() {
        OrderFeeds feeds = new OrderFeeds();
        SseEmitter byOrder = feeds.subscribeToOrder(UUID.randomUUID());
        SseEmitter byTenant = feeds.subscribeToTenant("police");

        feeds.closeFeeds();

        assertThatThrownBy(() -> byOrder.send("after close"))
                .as("a completed feed refuses to send")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> byTenant.send("after close")).isInstanceOf(IllegalStateException.class);
    }
}
