package fr.picloud.billing.metering.application;

import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.contracts.tenant.TenantState;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where billing keeps the facts it meters from. Every write merges: a column is filled once, an
 * instant keeps the earliest value seen, so the same facts in any order, any number of times, give
 * the same rows.
 */
public interface MeteringStore {

    /** @return the revision held, if any */
    Optional<Long> offeringRevision(UUID offeringId);

    void saveOffering(OfferingState offering, Instant now);

    Optional<Long> tenantRevision(String tenantId);

    void saveTenant(TenantState tenant);

    /** What an order's placement says: tenant, offering, cost centre, requester. */
    void mergeOrder(
            UUID orderId,
            String tenant,
            UUID offeringId,
            String offeringCode,
            String costCenter,
            String requester,
            Instant now);

    /** What its provisioning says: the saga, and when it completed (the setup fee is charged then). */
    void mergeProvisioned(UUID orderId, String tenant, UUID offeringId, UUID sagaId, Instant completedAt, Instant now);

    /** The order's resources were all deleted at {@code at}: whatever still ran stops then. */
    void mergeDecommissioned(UUID orderId, String tenant, Instant at, Instant now);

    /** A resource became ready at {@code startedAt}. */
    void mergeResourceStarted(UUID orderId, ProvisionedResource resource, Instant startedAt, UUID eventId, Instant now);

    /** A resource was deleted at {@code endedAt}. */
    void mergeResourceEnded(UUID orderId, ProvisionedResource resource, Instant endedAt, UUID eventId, Instant now);

    /**
     * Ends at {@code endedAt} the usage still open of the order's resource {@code resourceId} and of
     * the rows day-2 operations opened for it ({@code resourceId@operation}); of all its resources when
     * {@code resourceId} is null. A usage already ended keeps its end, and one that started at
     * {@code endedAt} or later stays open (the row an operation opened, should its event come again).
     */
    void endOpenUsage(UUID orderId, String resourceId, Instant endedAt, UUID eventId, Instant now);

    Optional<String> tenantOf(UUID orderId);
}
