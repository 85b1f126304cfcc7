package fr.picloud.catalog.offering.application;

import fr.picloud.catalog.offering.domain.Offering;
import java.util.Optional;
import java.util.UUID;

/** Where offerings are kept. */
public interface OfferingRepository {

    Optional<Offering> find(UUID id);

    Optional<Offering> findByCode(String code);

    void save(Offering offering);
}
