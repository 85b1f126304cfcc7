package fr.picloud.order.ordering.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Open feeds are capped per user and in total, and end when the service shuts down. */
class OrderFeedsTest {

    private static OrderFeeds feeds(int maxPerUser, int maxTotal) {
        return new OrderFeeds(maxPerUser, maxTotal, 8, Duration.ofMinutes(1), new SimpleMeterRegistry());
    }

    @Test
    void closing_ends_every_open_feed() {
        OrderFeeds feeds = feeds(5, 10);
        SseEmitter byOrder = feeds.subscribeToOrder("ann", UUID.randomUUID());
        SseEmitter byTenant = feeds.subscribeToTenant("ann", "police");

        feeds.closeFeeds();

        assertThatThrownBy(() -> byOrder.send("after close"))
                .as("a completed feed refuses to send")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> byTenant.send("after close")).isInstanceOf(IllegalStateException.class);
        assertThat(feeds.openFeeds()).isZero();
    }

    @Test
    void a_user_may_hold_only_so_many_feeds_open() {
        OrderFeeds feeds = feeds(2, 10);
        feeds.subscribeToTenant("ann", "police");
        feeds.subscribeToOrder("ann", UUID.randomUUID());

        assertThatThrownBy(() -> feeds.subscribeToTenant("ann", "police"))
                .isInstanceOf(OrderFeeds.TooManyFeedsException.class)
                .hasMessageContaining("per user");
        feeds.subscribeToTenant("bob", "police");
        assertThat(feeds.openFeeds()).isEqualTo(3);
    }

    @Test
    void the_instance_holds_only_so_many_feeds_open_and_a_closed_one_frees_its_place() {
        OrderFeeds feeds = feeds(5, 2);
        SseEmitter first = feeds.subscribeToTenant("ann", "police");
        feeds.subscribeToTenant("bob", "police");

        assertThatThrownBy(() -> feeds.subscribeToTenant("carl", "police"))
                .isInstanceOf(OrderFeeds.TooManyFeedsException.class)
                .hasMessageContaining("instance");

        feeds.closeFeeds();
        feeds.subscribeToTenant("carl", "police");
        assertThat(feeds.openFeeds()).isEqualTo(1);
        assertThat(first).isNotNull();
    }
}
