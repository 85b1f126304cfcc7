package fr.picloud.order.offering.adapter.persistence;

import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.order.offering.application.OfferingReplica;
import fr.picloud.order.offering.domain.ReplicatedOffering;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The replica on PostgreSQL. Reading an offering is on every order's path: its state (schema,
 * template, prices: kilobytes of JSON) is parsed once per revision and kept, since a revision's state
 * never changes; each read still asks the database which revision is current.
 */
@Repository
class OfferingReplicaAdapter implements OfferingReplica {

    /** Parsed states kept at most; past it the cache starts over. */
    private static final int CACHED = 2_000;

    private final OfferingReplicaJpaRepository jpa;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<UUID, ReplicatedOffering> parsed = new ConcurrentHashMap<>();

    OfferingReplicaAdapter(OfferingReplicaJpaRepository jpa, JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jpa = jpa;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Optional<ReplicatedOffering> find(UUID offeringId) {
        return jdbc.sql("select revision, state from offering_replica where offering_id = ?")
                .param(offeringId)
                .query((rs, row) -> {
                    ReplicatedOffering known = parsed.get(offeringId);
                    if (known != null && known.state().revision() == rs.getLong("revision")) {
                        return known;
                    }
                    ReplicatedOffering current =
                            new ReplicatedOffering(json.readValue(rs.getString("state"), OfferingState.class));
                    if (parsed.size() >= CACHED) {
                        parsed.clear();
                    }
                    parsed.put(offeringId, current);
                    return current;
                })
                .optional();
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
