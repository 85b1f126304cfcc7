package fr.picloud.migration.catalogue.application;

import fr.picloud.contracts.offering.OfferingState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** migration-service's copy of the catalogue, kept from the catalogue's compacted topic. */
public interface OfferingReplica {

    Optional<OfferingState> find(UUID offeringId);

    /** The published offerings with this code (one, normally). */
    List<OfferingState> publishedWithCode(String code);

    /** Stores the state unless the replica holds the same or a newer revision. */
    void saveIfNewer(OfferingState state);
}
