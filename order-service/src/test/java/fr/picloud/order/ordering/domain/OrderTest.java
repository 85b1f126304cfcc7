package fr.picloud.order.ordering.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.picloud.contracts.Message;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.order.DecommissionRequested;
import fr.picloud.contracts.order.OrderApprovalEscalated;
import fr.picloud.contracts.order.OrderApproved;
import fr.picloud.contracts.order.OrderEndDateChanged;
import fr.picloud.contracts.order.OrderEndReached;
import fr.picloud.contracts.order.OrderEndReminder;
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

    private static final List<Integer> REMINDERS = List.of(14, 7, 1);
    private static final EndDate.Policy NINETY_DAYS = new EndDate.Policy(Duration.ofDays(1), 90, "vm-test");

    @Test
    void reminders_come_once_per_threshold_and_thresholds_passed_together_give_one() {
        Instant end = PLACED_AT.plus(Duration.ofDays(5));
        Order order = completed(end);

        List<Message> first = order.remind(PLACED_AT, REMINDERS);
        assertThat(first)
                .singleElement()
                .isInstanceOfSatisfying(
                        OrderEndReminder.class,
                        reminder -> assertThat(reminder.daysLeft()).isEqualTo(5));
        assertThat(order.remind(PLACED_AT.plus(Duration.ofDays(1)), REMINDERS))
                .as("14 and 7 were passed together: both sent")
                .isEmpty();
        assertThat(order.remind(end.minus(Duration.ofHours(23)), REMINDERS))
                .singleElement()
                .isInstanceOfSatisfying(
                        OrderEndReminder.class,
                        reminder -> assertThat(reminder.daysLeft()).isEqualTo(1));
        assertThat(order.remind(end.minus(Duration.ofHours(1)), REMINDERS)).isEmpty();
        assertThat(order.remind(end, REMINDERS))
                .as("at the end, no reminder: the end")
                .isEmpty();
        assertThat(order.endReached(end)).isTrue();
    }

    @Test
    void an_end_date_is_extended_once_within_the_policy_and_brought_forward_at_will() {
        Order order = completed(PLACED_AT.plus(Duration.ofDays(30)));
        Instant now = PLACED_AT.plus(Duration.ofDays(10));

        assertThatThrownBy(() -> order.setEnd(now.plus(Duration.ofDays(91)), "alice", NINETY_DAYS, now))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("90 days at most");
        assertThatThrownBy(() -> order.setEnd(now.plus(Duration.ofHours(3)), "alice", NINETY_DAYS, now))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("at least 1 day ahead");
        assertThat(order.setEnd(now.plus(Duration.ofDays(90)), "alice", NINETY_DAYS, now))
                .singleElement()
                .isInstanceOf(OrderEndDateChanged.class);
        assertThat(order.end().extended()).isTrue();
        assertThat(order.setEnd(now.plus(Duration.ofDays(89)), "alice", NINETY_DAYS, now))
                .as("an earlier date is allowed")
                .hasSize(1);
        assertThatThrownBy(() -> order.setEnd(now.plus(Duration.ofDays(90)), "alice", NINETY_DAYS, now))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("extended once");
    }

    @Test
    void at_its_end_the_order_is_decommissioned_by_the_platform() {
        Instant end = PLACED_AT.plus(Duration.ofDays(3));
        Order order = completed(end);

        assertThatThrownBy(() -> order.decommissionAtEnd(end.minusSeconds(1)))
                .isInstanceOf(IllegalTransitionException.class);
        List<Message> caused = order.decommissionAtEnd(end);

        assertThat(caused)
                .extracting(Message::getClass)
                .containsExactly(OrderEndReached.class, DecommissionRequested.class);
        assertThat(order.status()).isEqualTo(OrderStatus.DECOMMISSIONING);
        assertThat(order.timeline().getLast().actor()).isEqualTo(TimelineEntry.SYSTEM);
        assertThat(order.endReached(end.plusSeconds(60))).as("once").isFalse();
    }

    private static Order completed(Instant endsAt) {
        Order.Placement placement = placement(0);
        Order order = Order.place(new Order.Placement(
                        placement.id(),
                        placement.tenant(),
                        placement.requester(),
                        new OrderRequest(
                                placement.request().offeringId(),
                                placement.request().parameters(),
                                placement.request().costCenter(),
                                placement.request().justification(),
                                endsAt),
                        placement.offeringCode(),
                        placement.category(),
                        placement.boundTemplate(),
                        placement.quote(),
                        0,
                        placement.placedAt(),
                        placement.escalateAt(),
                        placement.expireAt()))
                .order();
        order.complete(List.of(new ProvisionedResource("network", "network", "net-1")), PLACED_AT);
        return order;
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
