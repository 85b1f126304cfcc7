package fr.picloud.order.tenant.application;

import fr.picloud.order.tenant.domain.QuotaAmounts;
import fr.picloud.order.tenant.domain.QuotaUsage;
import java.util.Optional;
import java.util.UUID;

/**
 * Reservations of orders against their tenant's quota and budget. Each call runs in the caller's
 * transaction and is atomic against concurrent orders of the same tenant; commit and release act
 * at most once per order, so a redelivered outcome changes nothing.
 */
public interface QuotaLedger {

    /**
     * Holds {@code claim} for the order if the tenant's room allows it.
     *
     * @throws fr.picloud.platform.domain.RuleViolationException naming the exceeded quota otherwise
     */
    void reserve(UUID orderId, String tenantId, QuotaAmounts claim);

    /** A held reservation becomes committed (the resources exist); false if it was not held. */
    boolean commit(UUID orderId);

    /** A held or committed reservation is given back; false if there was none to release. */
    boolean release(UUID orderId);

    /**
     * A day-2 operation's growth, reserved under the operation's id, joins its order's reservation
     * once the operation took effect: released with the order from then on. False if it was not held.
     */
    boolean absorb(UUID operationId, UUID orderId);

    /**
     * The order's resources shrank (a resize down, a snapshot deleted): its reservation and the
     * tenant's use go down by {@code amounts}, never below nothing. False if the order holds none.
     */
    boolean giveBack(UUID orderId, QuotaAmounts amounts);

    Optional<QuotaUsage> usage(String tenantId);

    /** The tenant's limits alone: one row, whatever the number of its orders (unlike {@link #usage}). */
    Optional<QuotaAmounts> limits(String tenantId);

    /** Replaces a tenant's limits; what is in use stays (new orders are refused until there is room). */
    void changeLimits(String tenantId, QuotaAmounts limits);
}
