package fr.picloud.migration.catalogue.adapter.persistence;

import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.migration.catalogue.application.OfferingReplica;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcOfferingReplica implements OfferingReplica {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    JdbcOfferingReplica(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<OfferingState> find(UUID offeringId) {
        return jdbc
                .query(
                        "select state from offering_replica where offering_id = ?",
                        (rs, rowNumber) -> json.readValue(rs.getString(1), OfferingState.class),
                        offeringId)
                .stream()
                .findFirst();
    }

    @Override
    public List<OfferingState> publishedWithCode(String code) {
        return jdbc.query(
                "select state from offering_replica where code = ? and status = 'PUBLISHED' order by revision desc",
                (rs, rowNumber) -> json.readValue(rs.getString(1), OfferingState.class),
                code);
    }

    @Override
    public void saveIfNewer(OfferingState state) {
        // a late or replayed event never rolls the replica back to an older revision
        jdbc.update(
                """
                insert into offering_replica (offering_id, code, status, revision, state)
                values (?, ?, ?, ?, ?::jsonb)
                on conflict (offering_id) do update
                set code = excluded.code, status = excluded.status, revision = excluded.revision, state = excluded.state
                where offering_replica.revision < excluded.revision""",
                state.offeringId(),
                state.code(),
                state.status(),
                state.revision(),
                json.writeValueAsString(state));
    }
}
