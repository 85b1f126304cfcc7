package fr.picloud.migration.portfolio.adapter.persistence;

import fr.picloud.migration.portfolio.application.Portfolio;
import fr.picloud.migration.portfolio.domain.Application;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Each application as its JSON document, beside the columns other queries need. */
@Repository
class JdbcPortfolio implements Portfolio {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    JdbcPortfolio(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<Application> all() {
        return jdbc.query(
                "select body from application order by id",
                (rs, rowNumber) -> json.readValue(rs.getString(1), Application.class));
    }

    @Override
    public Optional<Application> find(String id) {
        return jdbc
                .query(
                        "select body from application where id = ?",
                        (rs, rowNumber) -> json.readValue(rs.getString(1), Application.class),
                        id)
                .stream()
                .findFirst();
    }

    @Override
    public SaveCounts save(List<Application> applications, Instant at) {
        // two imports at once would both see an id as new: the second waits for the first
        jdbc.execute("lock table application in share row exclusive mode");
        Map<String, Application> stored = new HashMap<>();
        all().forEach(application -> stored.put(application.id(), application));
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        int unchanged = 0;
        Timestamp now = Timestamp.from(at);
        for (Application application : applications) {
            Application held = stored.get(application.id());
            String body = json.writeValueAsString(application);
            if (held == null) {
                inserts.add(new Object[] {application.id(), application.tenant(), body, now, now});
            } else if (!held.equals(application)) {
                updates.add(new Object[] {application.tenant(), body, now, application.id()});
            } else {
                unchanged++;
            }
        }
        jdbc.batchUpdate(
                "insert into application (id, tenant, body, imported_at, updated_at) values (?, ?, ?::jsonb, ?, ?)",
                inserts);
        jdbc.batchUpdate("update application set tenant = ?, body = ?::jsonb, updated_at = ? where id = ?", updates);
        return new SaveCounts(inserts.size(), updates.size(), unchanged);
    }
}
