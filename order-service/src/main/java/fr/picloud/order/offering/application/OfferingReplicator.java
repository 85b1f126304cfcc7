package fr.picloud.order.offering.application;

import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.catalog.OfferingPublished;
import fr.picloud.order.offering.domain.ReplicatedOffering;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Applies the catalogue's events to the local replica. */
@Service
public class OfferingReplicator {

    private final OfferingReplica replica;

    public OfferingReplicator(OfferingReplica replica) {
        this.replica = replica;
    }

    /** Runs in the consumer's transaction, together with the inbox record of the event. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(OfferingPublished event, EventEnvelope envelope) {
        ReplicatedOffering incoming = new ReplicatedOffering(
                event.offeringId(),
                event.revision(),
                event.code(),
                event.name().fr(),
                event.name().en(),
                event.category(),
                event.provider(),
                event.status());
        if (incoming.supersedes(replica.find(event.offeringId()))) {
            replica.save(incoming, envelope.eventId());
        }
    }
}
