package fr.picloud.migration.wave.adapter.persistence;

import fr.picloud.migration.wave.application.Waves;
import fr.picloud.migration.wave.domain.MigrationStatus;
import fr.picloud.migration.wave.domain.Wave;
import fr.picloud.migration.wave.domain.WaveMember;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcWaves implements Waves {

    /** The key of the advisory lock that serialises planning and launching. */
    private static final long PLANNING_LOCK = 0x6d6967726174L;

    private static final TypeReference<Map<String, Object>> PARAMETERS = new TypeReference<>() {};
    private static final TypeReference<List<String>> NOTES = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    JdbcWaves(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void lockPlanning() {
        jdbc.query("select pg_advisory_xact_lock(?)", rs -> null, PLANNING_LOCK);
    }

    @Override
    public Optional<Integer> currentPlanVersion() {
        return Optional.ofNullable(jdbc.queryForObject("select max(version) from wave_plan", Integer.class));
    }

    @Override
    public void savePlan(
            int version,
            Instant at,
            String author,
            Object request,
            Object view,
            List<Wave> newWaves,
            List<WaveMember> newMembers,
            List<UUID> carriedOver) {
        jdbc.update(
                "insert into wave_plan (version, created_at, created_by, request, body) values (?, ?, ?, ?::jsonb, ?::jsonb)",
                version,
                Timestamp.from(at),
                author,
                json.writeValueAsString(request),
                json.writeValueAsString(view));
        jdbc.batchUpdate(
                "insert into wave (id, plan_version, number, start_date, end_date, status) values (?, ?, ?, ?, ?, 'PLANNED')",
                newWaves.stream()
                        .map(wave -> new Object[] {
                            wave.id(),
                            wave.planVersion(),
                            wave.number(),
                            Date.valueOf(wave.startDate()),
                            Date.valueOf(wave.endDate())
                        })
                        .toList());
        List<Object[]> links = new ArrayList<>();
        carriedOver.forEach(id -> links.add(new Object[] {version, id}));
        newWaves.forEach(wave -> links.add(new Object[] {version, wave.id()}));
        jdbc.batchUpdate("insert into plan_wave (plan_version, wave_id) values (?, ?)", links);
        jdbc.batchUpdate(
                """
                insert into wave_member (wave_id, application_id, position, name, reason, combined_score, sizing_notes,
                    tenant, cost_center, offering_id, offering_code, parameters, vcpus, cost_before, cost_after,
                    status, updated_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""",
                newMembers.stream()
                        .map(member -> new Object[] {
                            member.waveId(),
                            member.applicationId(),
                            member.position(),
                            member.name(),
                            member.reason(),
                            member.combinedScore(),
                            json.writeValueAsString(member.sizingNotes()),
                            member.tenant(),
                            member.costCenter(),
                            member.offeringId(),
                            member.offeringCode(),
                            json.writeValueAsString(member.parameters()),
                            member.vcpus(),
                            member.costBefore(),
                            member.costAfter(),
                            member.status().name(),
                            Timestamp.from(at)
                        })
                        .toList());
    }

    @Override
    public <T> Optional<T> planView(int version, Class<T> type) {
        return jdbc
                .query(
                        "select body from wave_plan where version = ?",
                        (rs, rowNumber) -> json.readValue(rs.getString(1), type),
                        version)
                .stream()
                .findFirst();
    }

    @Override
    public List<Integer> planVersions() {
        return jdbc.queryForList("select version from wave_plan order by version", Integer.class);
    }

    @Override
    public List<Wave> wavesOf(int planVersion) {
        return jdbc.query(
                "select w.* from wave w join plan_wave p on p.wave_id = w.id where p.plan_version = ? order by w.number",
                this::mapWave,
                planVersion);
    }

    @Override
    public boolean inPlan(UUID waveId, int planVersion) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from plan_wave where wave_id = ? and plan_version = ?)",
                Boolean.class,
                waveId,
                planVersion));
    }

    @Override
    public Optional<Wave> wave(UUID waveId) {
        return jdbc.query("select * from wave where id = ?", this::mapWave, waveId).stream()
                .findFirst();
    }

    @Override
    public Optional<Wave> lockWave(UUID waveId) {
        return jdbc.query("select * from wave where id = ? for update", this::mapWave, waveId).stream()
                .findFirst();
    }

    @Override
    public void updateWave(Wave wave) {
        jdbc.update(
                "update wave set status = ?, launched_at = ?, launched_by = ? where id = ?",
                wave.launched() ? "LAUNCHED" : "PLANNED",
                wave.launchedAt() == null ? null : Timestamp.from(wave.launchedAt()),
                wave.launchedBy(),
                wave.id());
    }

    @Override
    public List<WaveMember> members(UUID waveId) {
        return jdbc.query("select * from wave_member where wave_id = ? order by position", this::mapMember, waveId);
    }

    @Override
    public Optional<WaveMember> lockMember(UUID waveId, String applicationId) {
        return jdbc
                .query(
                        "select * from wave_member where wave_id = ? and application_id = ? for update",
                        this::mapMember,
                        waveId,
                        applicationId)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<WaveMember> lockMemberByOrder(UUID orderId) {
        return jdbc.query("select * from wave_member where order_id = ? for update", this::mapMember, orderId).stream()
                .findFirst();
    }

    @Override
    public void updateMember(WaveMember member, Instant at) {
        jdbc.update(
                """
                update wave_member set status = ?, order_id = ?, order_status = ?, failure_reason = ?, updated_at = ?
                where wave_id = ? and application_id = ?""",
                member.status().name(),
                member.orderId(),
                member.orderStatus(),
                member.failureReason(),
                Timestamp.from(at),
                member.waveId(),
                member.applicationId());
    }

    private Wave mapWave(ResultSet rs, int rowNumber) throws SQLException {
        Timestamp launchedAt = rs.getTimestamp("launched_at");
        return new Wave(
                rs.getObject("id", UUID.class),
                rs.getInt("plan_version"),
                rs.getInt("number"),
                rs.getDate("start_date").toLocalDate(),
                rs.getDate("end_date").toLocalDate(),
                "LAUNCHED".equals(rs.getString("status")),
                launchedAt == null ? null : launchedAt.toInstant(),
                rs.getString("launched_by"));
    }

    private WaveMember mapMember(ResultSet rs, int rowNumber) throws SQLException {
        return new WaveMember(
                rs.getObject("wave_id", UUID.class),
                rs.getString("application_id"),
                rs.getInt("position"),
                rs.getString("name"),
                rs.getString("tenant"),
                rs.getString("cost_center"),
                rs.getString("reason"),
                rs.getDouble("combined_score"),
                rs.getObject("offering_id", UUID.class),
                rs.getString("offering_code"),
                json.readValue(rs.getString("parameters"), PARAMETERS),
                json.readValue(rs.getString("sizing_notes"), NOTES),
                rs.getInt("vcpus"),
                rs.getBigDecimal("cost_before"),
                rs.getBigDecimal("cost_after"),
                MigrationStatus.valueOf(rs.getString("status")),
                rs.getObject("order_id", UUID.class),
                rs.getString("order_status"),
                rs.getString("failure_reason"));
    }
}
