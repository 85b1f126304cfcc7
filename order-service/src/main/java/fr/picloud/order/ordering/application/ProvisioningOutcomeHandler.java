package fr.picloud.order.ordering.application;

import fr.picloud.contracts.provisioning.DecommissionCompleted;
import fr.picloud.contracts.provisioning.OperationCompleted;
import fr.picloud.contracts.provisioning.OperationFailed;
import fr.picloud.contracts.provisioning.ProvisioningCompensated;
import fr.picloud.contracts.provisioning.ProvisioningCompensationFailed;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.contracts.provisioning.ProvisioningFailed;
import fr.picloud.contracts.provisioning.ProvisioningOutcome;
import fr.picloud.order.ordering.domain.Order;
import fr.picloud.order.ordering.domain.TimelineEntry;
import fr.picloud.order.tenant.application.QuotaLedger;
import fr.picloud.platform.domain.IllegalTransitionException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves orders on what provisioning reports: completed commits the order's reservation, a
 * compensated failure or a finished decommission releases it; a day-2 operation's outcome closes
 * the operation and shows in the order's inventory. A repeated outcome changes nothing,
 * and an outcome that does not fit the order's status is logged and dropped rather than retried,
 * since no retry could make it fit.
 */
@Service
public class ProvisioningOutcomeHandler {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningOutcomeHandler.class);

    private final OrderRepository orders;
    private final QuotaLedger quotas;
    private final OrderMessages messages;
    private final OperationService operations;
    private final Clock clock;

    public ProvisioningOutcomeHandler(
            OrderRepository orders,
            QuotaLedger quotas,
            OrderMessages messages,
            OperationService operations,
            Clock clock) {
        this.orders = orders;
        this.operations = operations;
        this.quotas = quotas;
        this.messages = messages;
        this.clock = clock;
    }

    /** Runs in the consumer's transaction, together with the inbox record of the outcome. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(ProvisioningOutcome outcome) {
        Order order = orders.lock(outcome.orderId()).orElse(null);
        if (order == null) {
            log.warn(
                    "provisioning outcome {} for unknown order {} dropped",
                    outcome.getClass().getSimpleName(),
                    outcome.orderId());
            return;
        }
        int known = order.timeline().size();
        Instant now = clock.instant();
        try {
            switch (outcome) {
                case ProvisioningCompleted completed -> {
                    if (order.complete(completed.resources(), now)) {
                        quotas.commit(order.id());
                    }
                }
                case ProvisioningFailed failed -> order.fail(failed.reason(), now);
                case ProvisioningCompensated compensated -> {
                    if (order.compensated(compensated.reason(), now)) {
                        quotas.release(order.id());
                    }
                }
                case ProvisioningCompensationFailed alert -> order.compensationFailed(alert.reason(), now);
                case DecommissionCompleted decommissioned -> {
                    if (order.decommissioned(now)) {
                        quotas.release(order.id());
                    }
                }
                case OperationCompleted completed -> operations.completed(order, completed);
                case OperationFailed failed -> operations.failed(order, failed);
            }
            if (order.timeline().size() > known) {
                orders.update(order);
                List<TimelineEntry> timeline = order.timeline();
                messages.send(order, List.of(), timeline.subList(known, timeline.size()));
            }
        } catch (IllegalTransitionException e) {
            log.warn("provisioning outcome dropped: {}", e.getMessage());
        }
    }
}
