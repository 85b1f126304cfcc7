package fr.picloud.migration.catalogue.application;

import fr.picloud.contracts.offering.OfferingEvent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Applies the catalogue's events to the replica: each carries the offering's full state. */
@Service
public class OfferingReplicator {

    private final OfferingReplica replica;

    public OfferingReplicator(OfferingReplica replica) {
        this.replica = replica;
    }

    /** Runs in the consumer's transaction, with the inbox record of the event. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(OfferingEvent event) {
        replica.saveIfNewer(event.offering());
    }
}
