package fr.picloud.ops.events.adapter.persistence;

import fr.picloud.ops.events.application.EventLog;
import fr.picloud.ops.events.domain.EventFilter;
import fr.picloud.ops.events.domain.PlatformEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcEventLog implements EventLog {

    private static final String COLUMNS = "event_id, type, version, source, subject, tenant, correlation_id,"
            + " causation_id, occurred_at, topic, kafka_partition, kafka_offset, record_key, payload";

    private static final RowMapper<PlatformEvent> EVENT = JdbcEventLog::event;

    private final JdbcTemplate jdbc;

    JdbcEventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public List<PlatformEvent> recordNew(List<PlatformEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        int[][] counts = jdbc.batchUpdate(
                "insert into platform_event (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (event_id) do nothing",
                events,
                500,
                (statement, event) -> {
                    statement.setObject(1, event.eventId());
                    statement.setString(2, event.type());
                    if (event.version() == null) {
                        statement.setNull(3, Types.INTEGER);
                    } else {
                        statement.setInt(3, event.version());
                    }
                    statement.setString(4, event.source());
                    statement.setString(5, event.subject());
                    statement.setString(6, event.tenant());
                    statement.setString(7, event.correlationId());
                    statement.setString(8, event.causationId());
                    statement.setTimestamp(9, Timestamp.from(event.occurredAt()));
                    statement.setString(10, event.topic());
                    statement.setInt(11, event.partition());
                    statement.setLong(12, event.offset());
                    statement.setString(13, event.key());
                    statement.setString(
                            14, event.payload() == null ? null : event.payload().replace("\u0000", ""));
                });
        List<PlatformEvent> inserted = new ArrayList<>();
        int index = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                if (count > 0) {
                    inserted.add(events.get(index));
                }
                index++;
            }
        }
        return inserted;
    }

    @Override
    public List<PlatformEvent> correlatedTo(String correlationId) {
        return jdbc.query(
                "select " + COLUMNS + " from platform_event where correlation_id = ? or subject = ?"
                        + " order by occurred_at, seq",
                EVENT,
                correlationId,
                correlationId);
    }

    @Override
    public List<PlatformEvent> aboutSubject(String subject, Instant upTo) {
        return jdbc.query(
                "select " + COLUMNS + " from platform_event where subject = ? and occurred_at <= ?"
                        + " order by occurred_at, seq",
                EVENT,
                subject,
                Timestamp.from(upTo));
    }

    @Override
    public List<PlatformEvent> latest(EventFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from platform_event where true");
        List<Object> arguments = new ArrayList<>();
        if (filter.type() != null) {
            if (filter.type().endsWith("*")) {
                sql.append(" and starts_with(type, ?)");
                arguments.add(filter.type().substring(0, filter.type().length() - 1));
            } else {
                sql.append(" and type = ?");
                arguments.add(filter.type());
            }
        }
        if (filter.tenant() != null) {
            sql.append(" and tenant = ?");
            arguments.add(filter.tenant());
        }
        if (filter.orderId() != null) {
            sql.append(" and (correlation_id = ? or subject = ?)");
            arguments.add(filter.orderId());
            arguments.add(filter.orderId());
        }
        sql.append(" order by occurred_at desc, seq desc limit ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), EVENT, arguments.toArray());
    }

    @Override
    public List<PlatformEvent> ofTypes(List<String> types, Instant since) {
        return jdbc.query(
                "select " + COLUMNS + " from platform_event where type = any(?) and occurred_at >= ?"
                        + " order by occurred_at, seq",
                (statement) -> {
                    statement.setArray(1, statement.getConnection().createArrayOf("text", types.toArray()));
                    statement.setTimestamp(2, Timestamp.from(since));
                },
                EVENT);
    }

    @Override
    public Map<String, Long> countByLastType(List<String> types) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(
                "select type, count(*) as orders from (select distinct on (correlation_id) correlation_id, type"
                        + " from platform_event where type = any(?) and correlation_id is not null"
                        + " order by correlation_id, occurred_at desc, seq desc) last group by type",
                (statement) -> statement.setArray(1, statement.getConnection().createArrayOf("text", types.toArray())),
                (RowCallbackHandler) row -> counts.put(row.getString("type"), row.getLong("orders")));
        return counts;
    }

    @Override
    @Transactional
    public int deleteOlderThan(Instant cutoff) {
        return jdbc.update("delete from platform_event where occurred_at < ?", Timestamp.from(cutoff));
    }

    private static PlatformEvent event(ResultSet row, int rowNumber) throws SQLException {
        return new PlatformEvent(
                row.getObject("event_id", UUID.class),
                row.getString("type"),
                row.getObject("version", Integer.class),
                row.getString("source"),
                row.getString("subject"),
                row.getString("tenant"),
                row.getString("correlation_id"),
                row.getString("causation_id"),
                row.getTimestamp("occurred_at").toInstant(),
                row.getString("topic"),
                row.getInt("kafka_partition"),
                row.getLong("kafka_offset"),
                row.getString("record_key"),
                row.getString("payload"));
    }
}
