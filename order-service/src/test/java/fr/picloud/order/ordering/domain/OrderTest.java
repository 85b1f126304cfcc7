package fr.picloud.order.ordering.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.picloud.contracts.Message;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.order.OrderApprovalEscalated;
import fr.picloud.contracts.order.OrderApproved;
import fr.picloud.contracts.order.OrderExpired;
import fr.picloud.contracts.order.OrderPlaced;
import fr.picloud.contracts.order.OrderQuote;
import fr.picloud.contracts.order.ProvisioningRequested;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.platform.domain.IllegalTransitionException;
import fr.picloud.platform.domain.RuleViolationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order's transitions, given a placement, when a decision, expect a status and messages. */
class OrderTest {

    private static final Instant PLACED_AT = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void an_order_needing_no_approval_goes_straight_to_provisioning() {
        Order.Placed placed = Order.place(placement(0));

        assertThat(placed.order().status()).isEqualTo(OrderStatus.PROVISIONING);
        assertThat(placed.messages())
                .extracting(Message::getClass)
                .containsExactly(OrderPlaced.class, OrderApproved.class, ProvisioningRequested.class);
        assertThat(((OrderPlaced) placed.messages().getFirst()).status()).isEqualTo("APPROVED");
    }

    @Test
    void the_requester_never_approves_their_own_order() {
        Order order = Order.place(placement(1)).order();

        assertThatThrownBy(() -> order.approve("alice", PLACED_AT))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("separation of duties");
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_APPROVAL);
        assertThat(order.timeline()).hasSize(1);
    }

    @Test
    void two_approvals_must_come_from_two_different_approvers() {
        Order order = Order.place(placement(2)).order();

        assertThat(order.approve("ann", PLACED_AT)).isEmpty();
        assertThatThrownBy(() -> order.approve("ann", PLACED_AT)).isInstanceOf(RuleViolationException.class);
        List<Message> caused = order.approve("bob", PLACED_AT);

        assertThat(order.status()).isEqualTo(OrderStatus.PROVISIONING);
        assertThat(((OrderApproved) caused.getFirst()).approvers()).containsExactly("ann", "bob");
    }

    @Test
    void illegal_moves_are_refused() {
        Order order = Order.place(placement(0)).order();

        assertThatThrownBy(() -> order.cancel("alice", null, PLACED_AT)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> order.decommission("alice", PLACED_AT)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> order.approve("ann", PLACED_AT)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_repeated_completion_changes_nothing() {
        Order order = Order.place(placement(0)).order();
        List<ProvisionedResource> inventory = List.of(new ProvisionedResource("server-0", "server", "srv-1"));

        assertThat(order.complete(inventory, PLACED_AT)).isTrue();
        assertThat(order.complete(inventory, PLACED_AT)).isFalse();
        assertThat(order.timeline().stream().filter(entry -> entry.action().equals("COMPLETED")))
                .hasSize(1);
    }

    @Test
    void a_pending_order_escalates_once_then_expires_and_stops_holding_quota() {
        Order order = Order.place(placement(1)).order();

        assertThat(order.escalate(PLACED_AT.plus(Duration.ofHours(47)))).isEmpty();
        assertThat(order.escalate(PLACED_AT.plus(Duration.ofHours(48))))
                .singleElement()
                .isInstanceOf(OrderApprovalEscalated.class);
        assertThat(order.escalate(PLACED_AT.plus(Duration.ofHours(49)))).isEmpty();
        assertThat(order.holdsQuota()).isTrue();
        assertThat(order.expire(PLACED_AT.plus(Duration.ofHours(120))))
                .singleElement()
                .isInstanceOf(OrderExpired.class);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.holdsQuota()).isFalse();
    }

    private static Order.Placement placement(int requiredApprovals) {
        return new Order.Placement(
                UUID.randomUUID(),
                "police",
                "alice",
                new OrderRequest(UUID.randomUUID(), Map.of("flavor", "m1.small"), "POL-001", "new application"),
                "vm-stack",
                "COMPUTE",
                new ResourceTemplate(Map.of(), List.of()),
                new OrderQuote("EUR", 1, new BigDecimal("15.70"), new BigDecimal("25.00")),
                requiredApprovals,
                PLACED_AT,
                PLACED_AT.plus(Duration.ofHours(48)),
                PLACED_AT.plus(Duration.ofHours(120)));
    }
}
