package fr.picloud.catalog.offering.adapter.persistence;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.repository.query.Param;

interface OfferingJpaRepository extends JpaRepository<OfferingEntity, UUID> {

    Optional<OfferingEntity> findByCode(String code);

    List<OfferingEntity> findByCodeIn(Collection<String> codes);

    /** Locked for the caller's transaction; rows another instance is rolling are skipped, not waited on. */
    @NativeQuery("select id from offering where price_changes_on <= :day order by price_changes_on, id"
            + " limit :limit for update skip locked")
    List<UUID> lockPriceChangesDue(@Param("day") LocalDate day, @Param("limit") int limit);
}
