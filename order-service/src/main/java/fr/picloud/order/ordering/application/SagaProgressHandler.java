package fr.picloud.order.ordering.application;

import fr.picloud.contracts.provisioning.SagaEvent;
import fr.picloud.order.ordering.domain.SagaProgress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Folds provisioning's saga events into each saga's progress, in the consumer's transaction (with its
 * inbox record: a redelivered event is skipped before it gets here); the live feeds hear of the change
 * once it committed.
 */
@Component
public class SagaProgressHandler {

    private final SagaProgressRepository progress;
    private final List<SagaProgressListener> listeners;

    SagaProgressHandler(SagaProgressRepository progress, List<SagaProgressListener> listeners) {
        this.progress = progress;
        this.listeners = listeners;
    }

    /** @param at when provisioning says the event happened */
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(SagaEvent event, Instant at) {
        SagaProgress before = progress.find(event.sagaId()).orElse(null);
        SagaProgress after = before == null ? SagaProgress.first(event, at) : before.apply(event, at);
        if (after.equals(before)) {
            return;
        }
        progress.save(after);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                listeners.forEach(listener -> listener.progressed(after));
            }
        });
    }

    /** The order's sagas as the requester follows them; the caller checked the order is theirs. */
    @Transactional(readOnly = true)
    public List<SagaProgress> ofOrder(UUID orderId) {
        return progress.ofOrder(orderId);
    }
}
