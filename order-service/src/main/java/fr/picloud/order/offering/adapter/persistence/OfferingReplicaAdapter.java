package fr.picloud.order.offering.adapter.persistence;

import fr.picloud.order.offering.application.OfferingReplica;
import fr.picloud.order.offering.domain.ReplicatedOffering;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;

@Repository
class OfferingReplicaAdapter implements OfferingReplica {

    private final OfferingReplicaJpaRepository jpa;
    private final Clock clock;

    OfferingReplicaAdapter(OfferingReplicaJpaRepository jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    @Override
    public Optional<ReplicatedOffering> find(UUID offeringId) {
        return jpa.findById(offeringId)
                .map(entity -> new ReplicatedOffering(
                        entity.offeringId,
                        entity.revision,
                        entity.code,
                        entity.nameFr,
                        entity.nameEn,
                        entity.category,
                        entity.provider,
                        entity.status));
    }

    @Override
    public void save(ReplicatedOffering offering, UUID sourceEventId) {
        OfferingReplicaEntity entity = jpa.findById(offering.offeringId()).orElseGet(OfferingReplicaEntity::new);
        entity.offeringId = offering.offeringId();
        entity.revision = offering.revision();
        entity.code = offering.code();
        entity.nameFr = offering.nameFr();
        entity.nameEn = offering.nameEn();
        entity.category = offering.category();
        entity.provider = offering.provider();
        entity.status = offering.status();
        entity.sourceEventId = sourceEventId;
        entity.replicatedAt = clock.instant();
        jpa.save(entity);
    }
}
