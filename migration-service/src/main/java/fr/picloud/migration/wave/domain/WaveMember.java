package fr.picloud.migration.wave.domain;

import fr.picloud.platform.domain.IllegalTransitionException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An application in a wave: the order it becomes and where its move stands. Transitions return the
 * new state; an event arriving late (a provisioning failure after the cutover, say) changes nothing.
 *
 * @param orderId chosen and stored when the wave is launched, before the order is requested
 * @param orderStatus what order-service last said of the order (REQUESTED, PENDING_APPROVAL, APPROVED...)
 */
public record WaveMember(
        UUID waveId,
        String applicationId,
        int position,
        String name,
        String tenant,
        String costCenter,
        String reason,
        double combinedScore,
        UUID offeringId,
        String offeringCode,
        Map<String, Object> parameters,
        List<String> sizingNotes,
        int vcpus,
        BigDecimal costBefore,
        BigDecimal costAfter,
        MigrationStatus status,
        UUID orderId,
        String orderStatus,
        String failureReason) {

    public WaveMember {
        Objects.requireNonNull(waveId, "waveId");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(status, "status");
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
        sizingNotes = List.copyOf(Objects.requireNonNullElse(sizingNotes, List.of()));
    }

    public boolean launched() {
        return orderId != null;
    }

    /** The order is requested under an id chosen now: the member is provisioning. */
    public WaveMember launch(UUID chosenOrderId) {
        if (launched()) {
            return this;
        }
        return with(MigrationStatus.PROVISIONING, chosenOrderId, "REQUESTED", null);
    }

    /** order-service placed or approved the order. */
    public WaveMember orderMoved(String newOrderStatus) {
        if (status != MigrationStatus.PROVISIONING) {
            return this;
        }
        return with(status, orderId, newOrderStatus, failureReason);
    }

    /** The order will not be built: refused, rejected, cancelled or expired. */
    public WaveMember orderEnded(String newOrderStatus, String why) {
        if (status != MigrationStatus.PROVISIONING) {
            return this;
        }
        return with(MigrationStatus.FAILED, orderId, newOrderStatus, why);
    }

    public WaveMember provisioned() {
        if (status != MigrationStatus.PROVISIONING) {
            return this;
        }
        return with(MigrationStatus.READY_FOR_CUTOVER, orderId, "COMPLETED", null);
    }

    public WaveMember provisioningFailed(String why) {
        if (status != MigrationStatus.PROVISIONING) {
            return this;
        }
        return with(MigrationStatus.FAILED, orderId, "FAILED", why);
    }

    /** What a failed provisioning had built was deleted again: the reason keeps the failure's cause. */
    public WaveMember compensated(String why) {
        if (status == MigrationStatus.FAILED) {
            return with(status, orderId, "FAILED", failureReason == null ? why : failureReason);
        }
        return provisioningFailed(why);
    }

    /** The lead switched the users over to the new target. */
    public WaveMember cutOver() {
        if (status == MigrationStatus.MIGRATED) {
            return this;
        }
        if (status != MigrationStatus.READY_FOR_CUTOVER) {
            throw new IllegalTransitionException(
                    applicationId + " is " + status + ": only an application ready for cutover can be cut over");
        }
        return with(MigrationStatus.MIGRATED, orderId, orderStatus, null);
    }

    private WaveMember with(MigrationStatus newStatus, UUID newOrderId, String newOrderStatus, String why) {
        return new WaveMember(
                waveId,
                applicationId,
                position,
                name,
                tenant,
                costCenter,
                reason,
                combinedScore,
                offeringId,
                offeringCode,
                parameters,
                sizingNotes,
                vcpus,
                costBefore,
                costAfter,
                newStatus,
                newOrderId,
                newOrderStatus,
                why);
    }
}
