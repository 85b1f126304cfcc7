package fr.picloud.order.ordering.application;

import fr.picloud.contracts.migration.WaveLaunched;
import java.util.Optional;
import java.util.UUID;

/**
 * The orders launched migration waves ask for, replicated from {@code picloud.migration.waves}: the
 * plan an order request on {@code picloud.orders.requests} is checked against.
 */
public interface LaunchedWaves {

    /** A wave's order: which wave asks for it, for which tenant and application. */
    record WaveOrder(UUID orderId, UUID waveId, String tenant, String applicationId) {}

    /** Records (or refreshes) the orders of a launched wave. */
    void record(WaveLaunched wave);

    Optional<WaveOrder> order(UUID orderId);
}
