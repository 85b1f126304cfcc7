package fr.picloud.catalog.offering.application;

import fr.picloud.catalog.offering.domain.Offering;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where offerings are kept. */
public interface OfferingRepository {

    Optional<Offering> find(UUID id);

    Optional<Offering> findByCode(String code);

    /** The offerings with these codes, in one look-up; codes no offering has are absent. */
    Map<String, Offering> findByCodes(Collection<String> codes);

    /** Stores a new offering (one write, no look-up first). */
    void add(Offering offering);

    /** Stores the changes of an offering read from this repository. */
    void save(Offering offering);
}
