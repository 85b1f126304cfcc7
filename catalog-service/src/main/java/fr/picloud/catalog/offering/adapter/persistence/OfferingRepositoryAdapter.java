package fr.picloud.catalog.offering.adapter.persistence;

import fr.picloud.catalog.offering.application.OfferingRepository;
import fr.picloud.catalog.offering.domain.Offering;
import fr.picloud.catalog.offering.domain.OfferingCategory;
import fr.picloud.catalog.offering.domain.OfferingStatus;
import fr.picloud.contracts.LocalizedText;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;

@Repository
class OfferingRepositoryAdapter implements OfferingRepository {

    private final OfferingJpaRepository jpa;

    OfferingRepositoryAdapter(OfferingJpaRepository jpa) {
        this.jpa = jpa;
    }

    @Override
    public Optional<Offering> find(UUID id) {
        return jpa.findById(id).map(OfferingRepositoryAdapter::toDomain);
    }

    @Override
    public boolean existsByCode(String code) {
        return jpa.existsByCode(code);
    }

    @Override
    public void save(Offering offering) {
        OfferingEntity entity = jpa.findById(offering.id()).orElseGet(OfferingEntity::new);
        entity.id = offering.id();
        entity.code = offering.code();
        entity.nameFr = offering.name().fr();
        entity.nameEn = offering.name().en();
        entity.category = offering.category().name();
        entity.provider = offering.provider();
        entity.status = offering.status().name();
        entity.revision = offering.revision();
        jpa.save(entity);
    }

    private static Offering toDomain(OfferingEntity entity) {
        return Offering.restore(
                entity.id,
                entity.code,
                new LocalizedText(entity.nameFr, entity.nameEn),
                OfferingCategory.valueOf(entity.category),
                entity.provider,
                OfferingStatus.valueOf(entity.status),
                entity.revision);
    }
}
