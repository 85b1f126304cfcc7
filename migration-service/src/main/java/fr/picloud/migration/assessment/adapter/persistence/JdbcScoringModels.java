package fr.picloud.migration.assessment.adapter.persistence;

import fr.picloud.migration.assessment.application.ScoringModels;
import fr.picloud.migration.assessment.domain.ScoringModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Versions as rows; version 1 is the model shipped in {@code assessment/default-model.json}. */
@Repository
class JdbcScoringModels implements ScoringModels {

    static final String DEFAULT_MODEL = "/assessment/default-model.json";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;

    JdbcScoringModels(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public VersionedModel current() {
        Optional<VersionedModel> latest =
                jdbc.query("select * from scoring_model order by version desc limit 1", this::map).stream()
                        .findFirst();
        if (latest.isPresent()) {
            return latest.get();
        }
        jdbc.update(
                "insert into scoring_model (version, body, created_at, created_by) values (1, ?::jsonb, ?, 'shipped default')"
                        + " on conflict do nothing",
                json.writeValueAsString(defaultModel()),
                Timestamp.from(clock.instant()));
        return version(1).orElseThrow();
    }

    @Override
    public Optional<VersionedModel> version(int version) {
        return jdbc.query("select * from scoring_model where version = ?", this::map, version).stream()
                .findFirst();
    }

    @Override
    public List<VersionedModel> all() {
        return jdbc.query("select * from scoring_model order by version", this::map);
    }

    @Override
    public VersionedModel add(ScoringModel model, String author, Instant at) {
        // the lock orders concurrent edits: each gets its own version number
        jdbc.execute("lock table scoring_model in share row exclusive mode");
        Integer next = jdbc.queryForObject("select coalesce(max(version), 0) + 1 from scoring_model", Integer.class);
        jdbc.update(
                "insert into scoring_model (version, body, created_at, created_by) values (?, ?::jsonb, ?, ?)",
                next,
                json.writeValueAsString(model),
                Timestamp.from(at),
                author);
        return version(next).orElseThrow();
    }

    private ScoringModel defaultModel() {
        try (InputStream in = getClass().getResourceAsStream(DEFAULT_MODEL)) {
            return json.readValue(in, ScoringModel.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private VersionedModel map(ResultSet rs, int rowNumber) throws SQLException {
        return new VersionedModel(
                rs.getInt("version"),
                json.readValue(rs.getString("body"), ScoringModel.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"));
    }
}
