package fr.picloud.catalog.offering.application;

import fr.picloud.catalog.offering.domain.Offering;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
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

    /**
     * Stores the changes of an offering read from this repository, and its {@link ReferencePrice} of
     * today whatever else changed.
     */
    void save(Offering offering);

    /**
     * Up to {@code limit} offerings a later price list has come into force for by {@code day} (their
     * reference price is out of date), locked until the caller's transaction ends; offerings locked by
     * another transaction are skipped.
     */
    List<UUID> lockPriceChangesDue(LocalDate day, int limit);
}
