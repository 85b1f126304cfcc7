package fr.picloud.order.ordering.application;

import fr.picloud.contracts.Command;
import fr.picloud.contracts.Event;
import fr.picloud.contracts.Message;
import fr.picloud.contracts.order.ProvisioningRequested;
import fr.picloud.order.ordering.domain.Order;
import fr.picloud.order.ordering.domain.TimelineEntry;
import fr.picloud.order.tenant.application.QuotaLedger;
import fr.picloud.platform.messaging.EventPublisher;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends what an order's transition caused, in the transaction that stores the transition: events and
 * commands go to the outbox, correlated by the order id; the live feeds hear of the new timeline
 * entries only once the transaction committed.
 */
@Component
class OrderMessages {

    private final EventPublisher events;
    private final List<OrderTransitionListener> listeners;
    private final QuotaLedger quotas;

    OrderMessages(EventPublisher events, List<OrderTransitionListener> listeners, QuotaLedger quotas) {
        this.events = events;
        this.listeners = listeners;
        this.quotas = quotas;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void send(Order order, List<Message> messages, List<TimelineEntry> newEntries) {
        String correlationId = order.id().toString();
        for (Message message : messages) {
            switch (message) {
                case Event event -> events.publish(event, order.tenant(), correlationId);
                case ProvisioningRequested request ->
                    events.publish(withProjectQuota(request), order.tenant(), correlationId);
                case Command command -> events.publish(command, order.tenant(), correlationId);
                default -> throw new IllegalArgumentException("neither an event nor a command: " + message);
            }
        }
        if (newEntries.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                newEntries.forEach(entry -> listeners.forEach(listener -> listener.transitioned(order, entry)));
            }
        });
    }

    /** Provisioning gives the tenant's OpenStack project the tenant's limits when it creates it. */
    private ProvisioningRequested withProjectQuota(ProvisioningRequested request) {
        if (request.projectQuota() != null) {
            return request;
        }
        return quotas.limits(request.tenant())
                .map(limits -> new ProvisioningRequested(
                        request.orderId(),
                        request.tenant(),
                        request.offeringId(),
                        request.offeringCode(),
                        request.parameters(),
                        request.resources(),
                        new ProvisioningRequested.ProjectQuota(
                                limits.vcpus(),
                                limits.ramGb(),
                                limits.volumeGb(),
                                limits.instances(),
                                limits.floatingIps())))
                .orElse(request);
    }
}
