package fr.picloud.ops.deadletters.adapter.persistence;

import fr.picloud.ops.deadletters.application.ReplayAudit;
import fr.picloud.ops.deadletters.domain.MessagePosition;
import fr.picloud.ops.deadletters.domain.Replay;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcReplayAudit implements ReplayAudit {

    private static final String COLUMNS = "dlq_topic, dlq_partition, dlq_offset, original_topic, event_id, event_type,"
            + " replayed_by, replayed_at, mode, target_partition, target_offset";

    private final JdbcTemplate jdbc;

    JdbcReplayAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lockTopic(String deadLetterTopic) {
        jdbc.query("select pg_advisory_xact_lock(hashtext(?))", row -> {}, "dead-letter-replay:" + deadLetterTopic);
    }

    @Override
    public Set<MessagePosition> replayedIn(String deadLetterTopic) {
        return new HashSet<>(jdbc.query(
                "select distinct dlq_partition, dlq_offset from dead_letter_replay where dlq_topic = ?",
                (row, index) ->
                        new MessagePosition(deadLetterTopic, row.getInt("dlq_partition"), row.getLong("dlq_offset")),
                deadLetterTopic));
    }

    @Override
    public List<Replay> replaysOf(MessagePosition message) {
        return jdbc.query(
                "select " + COLUMNS + " from dead_letter_replay where dlq_topic = ? and dlq_partition = ?"
                        + " and dlq_offset = ? order by id",
                JdbcReplayAudit::replay,
                message.topic(),
                message.partition(),
                message.offset());
    }

    @Override
    public void record(Replay replay) {
        jdbc.update(
                "insert into dead_letter_replay (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                replay.message().topic(),
                replay.message().partition(),
                replay.message().offset(),
                replay.originalTopic(),
                replay.eventId(),
                replay.eventType(),
                replay.replayedBy(),
                Timestamp.from(replay.replayedAt()),
                replay.mode(),
                replay.targetPartition(),
                replay.targetOffset());
    }

    @Override
    public List<Replay> latest(int limit) {
        return jdbc.query(
                "select " + COLUMNS + " from dead_letter_replay order by id desc limit ?",
                JdbcReplayAudit::replay,
                limit);
    }

    private static Replay replay(ResultSet row, int index) throws SQLException {
        return new Replay(
                new MessagePosition(row.getString("dlq_topic"), row.getInt("dlq_partition"), row.getLong("dlq_offset")),
                row.getString("original_topic"),
                row.getString("event_id"),
                row.getString("event_type"),
                row.getString("replayed_by"),
                row.getTimestamp("replayed_at").toInstant(),
                row.getString("mode"),
                row.getInt("target_partition"),
                row.getLong("target_offset"));
    }
}
