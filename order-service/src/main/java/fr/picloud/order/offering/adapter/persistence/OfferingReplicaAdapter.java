package fr.picloud.order.offering.adapter.persistence;

import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.order.offering.application.OfferingReplica;
import fr.picloud.order.offering.domain.ReplicatedOffering;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class OfferingReplicaAdapter implements OfferingReplica {

    private final OfferingReplicaJpaRepository jpa;
    private final JsonMapper json;
    private final Clock clock;

    OfferingReplicaAdapter(OfferingReplicaJpaRepository jpa, JsonMapper json, Clock clock) {
        this.jpa = jpa;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Optional<ReplicatedOffering> find(UUID offeringId) {
        return jpa.findById(offeringId)
                .map(entity -> new ReplicatedOffering(json.readValue(entity.state, OfferingState.class)));
    }

    @Override
    public void save(ReplicatedOffering offering, UUID sourceEventId) {
        OfferingState state = offering.state();
        OfferingReplicaEntity entity = jpa.findById(state.offeringId()).orElseGet(OfferingReplicaEntity::new);
        entity.offeringId = state.offeringId();
        entity.revision = state.revision();
        entity.code = state.code();
        entity.status = state.status();
        entity.state = json.writeValueAsString(state);
        entity.sourceEventId = sourceEventId;
        entity.replicatedAt = clock.instant();
        jpa.save(entity);
    }
}
