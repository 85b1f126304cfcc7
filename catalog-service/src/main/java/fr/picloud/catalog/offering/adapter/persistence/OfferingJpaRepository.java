package fr.picloud.catalog.offering.adapter.persistence;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface OfferingJpaRepository extends JpaRepository<OfferingEntity, UUID> {

    Optional<OfferingEntity> findByCode(String code);

    List<OfferingEntity> findByCodeIn(Collection<String> codes);
}
