package fr.picloud.order.offering.application;

import fr.picloud.order.offering.domain.ReplicatedOffering;
import java.util.Optional;
import java.util.UUID;

/** Where order-service keeps its replica of the catalogue. */
public interface OfferingReplica {

    Optional<ReplicatedOffering> find(UUID offeringId);

    void save(ReplicatedOffering offering, UUID sourceEventId);
}
