package fr.picloud.order.offering.application;

import fr.picloud.contracts.EventEnvelope;
import fr.picloud.contracts.offering.OfferingEvent;
import fr.picloud.order.offering.domain.ReplicatedOffering;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Applies the catalogue's events to the local replica: each carries the offering's full state. */
@Service
public class OfferingReplicator {

    private final OfferingReplica replica;

    public OfferingReplicator(OfferingReplica replica) {
        this.replica = replica;
    }

    /** Runs in the consumer's transaction, together with the inbox record of the event. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(OfferingEvent event, EventEnvelope envelope) {
        ReplicatedOffering incoming = new ReplicatedOffering(event.offering());
        if (incoming.supersedes(replica.find(event.offering().offeringId()))) {
            replica.save(incoming, envelope.eventId());
        }
    }
}
