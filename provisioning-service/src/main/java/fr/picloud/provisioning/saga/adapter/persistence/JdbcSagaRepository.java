package fr.picloud.provisioning.saga.adapter.persistence;

import fr.picloud.provisioning.saga.application.SagaRepository;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ProjectQuota;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaKind;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import fr.picloud.provisioning.saga.domain.SagaStep;
import fr.picloud.provisioning.saga.domain.StepPlan;
import fr.picloud.provisioning.saga.domain.StepStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcSagaRepository implements SagaRepository {

    private static final String SAGA_COLUMNS = "id, order_id, tenant, kind, status, offering_id, quota, failed_step, "
            + "reason, created_at, deadline, finished_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcSagaRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean insert(Saga saga) {
        int inserted = jdbc.sql(
                        "insert into saga (id, order_id, tenant, kind, status, offering_id, quota, failed_step, "
                                + "reason, created_at, deadline, finished_at, updated_at) "
                                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict do nothing")
                .params(
                        saga.id(),
                        saga.orderId(),
                        saga.tenant(),
                        saga.kind().name(),
                        saga.status().name(),
                        saga.offeringId(),
                        saga.quota() == null ? null : json.writeValueAsString(saga.quota()),
                        saga.failedStep(),
                        saga.reason(),
                        timestamp(saga.createdAt()),
                        timestamp(saga.deadline()),
                        timestamp(saga.finishedAt()))
                .update();
        if (inserted == 0) {
            return false;
        }
        for (SagaStep step : saga.steps()) {
            jdbc.sql(
                            "insert into saga_step (saga_id, ordinal, name, kind, plan, status, resource, attempts, started_at, "
                                    + "finished_at, last_error) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            saga.id(),
                            step.ordinal(),
                            step.name(),
                            step.kind(),
                            json.writeValueAsString(step.plan()),
                            step.status().name(),
                            resourceJson(step),
                            step.attempts(),
                            timestamp(step.startedAt()),
                            timestamp(step.finishedAt()),
                            step.lastError())
                    .update();
        }
        return true;
    }

    @Override
    public Optional<Saga> find(UUID sagaId) {
        return jdbc.sql("select " + SAGA_COLUMNS + " from saga where id = ?")
                .param(sagaId)
                .query((rs, row) -> header(rs))
                .optional()
                .map(this::withSteps);
    }

    @Override
    public Optional<Saga> findByOrder(UUID orderId, SagaKind kind) {
        return jdbc.sql("select " + SAGA_COLUMNS + " from saga where order_id = ? and kind = ?")
                .params(orderId, kind.name())
                .query((rs, row) -> header(rs))
                .optional()
                .map(this::withSteps);
    }

    @Override
    public List<Saga> findAllByOrder(UUID orderId, SagaKind kind) {
        return jdbc
                .sql("select " + SAGA_COLUMNS + " from saga where order_id = ? and kind = ? order by created_at, id")
                .params(orderId, kind.name())
                .query((rs, row) -> header(rs))
                .list()
                .stream()
                .map(this::withSteps)
                .toList();
    }

    @Override
    public void updateHeader(Saga saga) {
        jdbc.sql("update saga set status = ?, failed_step = ?, reason = ?, deadline = ?, finished_at = ?, "
                        + "updated_at = now() where id = ?")
                .params(
                        saga.status().name(),
                        saga.failedStep(),
                        saga.reason(),
                        timestamp(saga.deadline()),
                        timestamp(saga.finishedAt()),
                        saga.id())
                .update();
    }

    @Override
    public void updateStep(UUID sagaId, SagaStep step) {
        jdbc.sql("update saga_step set status = ?, resource = ?, attempts = ?, started_at = ?, finished_at = ?, "
                        + "last_error = ? where saga_id = ? and ordinal = ?")
                .params(
                        step.status().name(),
                        resourceJson(step),
                        step.attempts(),
                        timestamp(step.startedAt()),
                        timestamp(step.finishedAt()),
                        step.lastError(),
                        sagaId,
                        step.ordinal())
                .update();
    }

    @Override
    public List<Saga> list(SagaStatus status, UUID orderId, boolean stuckOnly, Instant now, int limit) {
        StringBuilder sql = new StringBuilder("select " + SAGA_COLUMNS + " from saga where true");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status.name());
        }
        if (orderId != null) {
            sql.append(" and order_id = ?");
            params.add(orderId);
        }
        if (stuckOnly) {
            sql.append(" and status in ('RUNNING', 'COMPENSATING') and deadline < ?");
            params.add(timestamp(now));
        }
        sql.append(" order by created_at desc limit ?");
        params.add(limit);
        List<Saga> headers = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, row) -> header(rs))
                .list();
        if (headers.isEmpty()) {
            return headers;
        }
        Map<UUID, List<SagaStep>> steps = new LinkedHashMap<>();
        jdbc.sql("select * from saga_step where saga_id = any(?) order by saga_id, ordinal")
                .param(headers.stream().map(Saga::id).toArray(UUID[]::new))
                .query(rs -> {
                    steps.computeIfAbsent(rs.getObject("saga_id", UUID.class), id -> new ArrayList<>())
                            .add(step(rs));
                });
        return headers.stream()
                .map(saga -> withSteps(saga, steps.getOrDefault(saga.id(), List.of())))
                .toList();
    }

    @Override
    public Map<SagaStatus, Long> countByStatus() {
        Map<SagaStatus, Long> counts = new EnumMap<>(SagaStatus.class);
        jdbc.sql("select status, count(*) from saga group by status").query(rs -> {
            counts.put(SagaStatus.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    @Override
    public long countStuck(Instant now) {
        return jdbc.sql("select count(*) from saga where status in ('RUNNING', 'COMPENSATING') and deadline < ?")
                .param(timestamp(now))
                .query(Long.class)
                .single();
    }

    @Override
    public void requestAction(UUID sagaId, OperatorAction action, String actor, Instant at) {
        jdbc.sql("update saga set requested_action = ?, updated_at = now() where id = ?")
                .params(action.name(), sagaId)
                .update();
        jdbc.sql("insert into saga_audit (saga_id, actor, action, at) values (?, ?, ?, ?)")
                .params(sagaId, actor, action.name(), timestamp(at))
                .update();
    }

    @Override
    public Optional<OperatorAction> takeRequestedAction(UUID sagaId) {
        return jdbc.sql("update saga s set requested_action = null from (select id, requested_action from saga "
                        + "where id = ? and requested_action is not null for update) old "
                        + "where s.id = old.id returning old.requested_action")
                .param(sagaId)
                .query((rs, row) -> OperatorAction.valueOf(rs.getString(1)))
                .optional();
    }

    @Override
    public List<AuditEntry> audit(UUID sagaId) {
        return jdbc.sql("select at, actor, action from saga_audit where saga_id = ? order by at, id")
                .param(sagaId)
                .query((rs, row) -> new AuditEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)))
                .list();
    }

    @Override
    public List<UUID> unscheduledActiveSagas() {
        return jdbc.sql(
                        "select id from saga s where status in ('RUNNING', 'COMPENSATING') and not exists "
                                + "(select 1 from scheduled_tasks t where t.task_name = 'saga' and t.task_instance = s.id::text)")
                .query(UUID.class)
                .list();
    }

    private Saga withSteps(Saga header) {
        List<SagaStep> steps = jdbc.sql("select * from saga_step where saga_id = ? order by ordinal")
                .param(header.id())
                .query((rs, row) -> step(rs))
                .list();
        return withSteps(header, steps);
    }

    private static Saga withSteps(Saga header, List<SagaStep> steps) {
        return new Saga(
                header.id(),
                header.orderId(),
                header.tenant(),
                header.kind(),
                header.status(),
                header.offeringId(),
                header.quota(),
                header.failedStep(),
                header.reason(),
                header.createdAt(),
                header.deadline(),
                header.finishedAt(),
                steps);
    }

    private Saga header(ResultSet rs) throws SQLException {
        String quota = rs.getString("quota");
        return new Saga(
                rs.getObject("id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getString("tenant"),
                SagaKind.valueOf(rs.getString("kind")),
                SagaStatus.valueOf(rs.getString("status")),
                rs.getObject("offering_id", UUID.class),
                quota == null ? null : json.readValue(quota, ProjectQuota.class),
                rs.getString("failed_step"),
                rs.getString("reason"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("deadline")),
                instant(rs.getTimestamp("finished_at")),
                List.of());
    }

    private SagaStep step(ResultSet rs) throws SQLException {
        String resource = rs.getString("resource");
        return new SagaStep(
                rs.getInt("ordinal"),
                json.readValue(rs.getString("plan"), StepPlan.class),
                StepStatus.valueOf(rs.getString("status")),
                resource == null ? null : json.readValue(resource, CloudResource.class),
                rs.getInt("attempts"),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getString("last_error"));
    }

    private String resourceJson(SagaStep step) {
        return step.resource() == null ? null : json.writeValueAsString(step.resource());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
