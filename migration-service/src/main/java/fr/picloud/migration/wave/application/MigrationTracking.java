package fr.picloud.migration.wave.application;

import fr.picloud.contracts.Event;
import fr.picloud.contracts.order.OrderApproved;
import fr.picloud.contracts.order.OrderCancelled;
import fr.picloud.contracts.order.OrderExpired;
import fr.picloud.contracts.order.OrderPlaced;
import fr.picloud.contracts.order.OrderRejected;
import fr.picloud.contracts.order.OrderRequestRefused;
import fr.picloud.contracts.provisioning.ProvisioningCompensated;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.contracts.provisioning.ProvisioningFailed;
import fr.picloud.contracts.provisioning.ProvisioningOutcome;
import fr.picloud.migration.wave.domain.WaveMember;
import java.time.Clock;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follows the orders of launched waves from order-service's and provisioning's events: provisioning
 * until the order is built (ready for cutover) or ends otherwise (failed, with the reason). Events of
 * orders that are not a migration's are ignored.
 */
@Service
public class MigrationTracking {

    private final Waves waves;
    private final Clock clock;

    public MigrationTracking(Waves waves, Clock clock) {
        this.waves = waves;
        this.clock = clock;
    }

    /** Runs in the consumer's transaction, with the inbox record of the event. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onOrderEvent(Event event) {
        switch (event) {
            case OrderPlaced placed -> move(placed.orderId(), member -> member.orderMoved(placed.status()));
            case OrderApproved approved -> move(approved.orderId(), member -> member.orderMoved("APPROVED"));
            case OrderRejected rejected ->
                move(
                        rejected.orderId(),
                        member -> member.orderEnded(
                                "REJECTED",
                                "order rejected by " + rejected.rejectedBy()
                                        + (rejected.reason() == null ? "" : ": " + rejected.reason())));
            case OrderCancelled cancelled ->
                move(cancelled.orderId(), member -> member.orderEnded("CANCELLED", "order cancelled"));
            case OrderExpired expired ->
                move(expired.orderId(), member -> member.orderEnded("EXPIRED", "order expired without approval"));
            case OrderRequestRefused refused ->
                move(
                        refused.orderId(),
                        member -> member.orderEnded(
                                "REFUSED",
                                "order refused: " + refused.reason()
                                        + (refused.violations().isEmpty()
                                                ? ""
                                                : refused.violations().stream()
                                                        .map(v -> v.field() + " " + v.message())
                                                        .collect(Collectors.joining("; ", " (", ")")))));
            default -> {
                // escalations and facts of other kinds do not move a migration
            }
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onProvisioningOutcome(ProvisioningOutcome outcome) {
        switch (outcome) {
            case ProvisioningCompleted completed -> move(completed.orderId(), WaveMember::provisioned);
            case ProvisioningFailed failed ->
                move(
                        failed.orderId(),
                        member -> member.provisioningFailed("provisioning failed"
                                + (failed.failedStep() == null ? "" : " at " + failed.failedStep()) + ": "
                                + failed.reason()));
            case ProvisioningCompensated compensated ->
                move(
                        compensated.orderId(),
                        member -> member.compensated("provisioning undone"
                                + (compensated.reason() == null ? "" : ": " + compensated.reason())));
            default -> {
                // decommissions, and outcomes added later, leave a migration where it is
            }
        }
    }

    private void move(UUID orderId, UnaryOperator<WaveMember> transition) {
        waves.lockMemberByOrder(orderId).ifPresent(member -> {
            WaveMember moved = transition.apply(member);
            if (!moved.equals(member)) {
                waves.updateMember(moved, clock.instant());
            }
        });
    }
}
