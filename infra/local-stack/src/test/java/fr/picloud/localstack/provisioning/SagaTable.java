package fr.picloud.localstack.provisioning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/** provisioning-service's saga tables, read as an operator would read them with psql. */
final class SagaTable {

    record SagaRow(UUID id, UUID orderId, String tenant, String status, String reason) {}

    record StepRow(UUID sagaId, String name, String kind, String status) {}

    private final Supplier<Connection> connections;

    SagaTable(Supplier<Connection> connections) {
        this.connections = connections;
    }

    List<SagaRow> provisionSagas() {
        return sagas("PROVISION");
    }

    /** The day-2 operations' sagas (resize, extend, snapshot...), one per operation. */
    List<SagaRow> operationSagas() {
        return sagas("OPERATION");
    }

    /** The operation sagas' steps: one each, its kind telling the operation (server-resize, volume-snapshot...). */
    List<StepRow> operationSteps() {
        return steps("OPERATION");
    }

    /** How many operation sagas are in each status now. */
    Map<String, Integer> countOperationsByStatus() {
        return countByStatus("OPERATION");
    }

    private List<SagaRow> sagas(String kind) {
        List<SagaRow> rows = new ArrayList<>();
        query(
                "select id, order_id, tenant, status, reason from saga where kind = '" + kind + "'",
                row -> rows.add(new SagaRow(
                        row.getObject(1, UUID.class),
                        row.getObject(2, UUID.class),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5))));
        return rows;
    }

    private List<StepRow> steps(String kind) {
        List<StepRow> rows = new ArrayList<>();
        query(
                "select s.saga_id, s.name, s.kind, s.status from saga_step s join saga g on g.id = s.saga_id"
                        + " where g.kind = '" + kind + "' and s.kind <> 'project'",
                row -> rows.add(new StepRow(
                        row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4))));
        return rows;
    }

    private Map<String, Integer> countByStatus(String kind) {
        Map<String, Integer> counts = new TreeMap<>();
        query(
                "select status, count(*) from saga where kind = '" + kind + "' group by status",
                row -> counts.put(row.getString(1), row.getInt(2)));
        return counts;
    }

    /** The provisioning sagas' steps, but their tenant project's (which no audit counts). */
    List<StepRow> steps() {
        return steps("PROVISION");
    }

    /** How many provisioning sagas are in each status now. */
    Map<String, Integer> countByStatus() {
        return countByStatus("PROVISION");
    }

    /** The sagas not over yet: what a kill interrupts. */
    List<UUID> activeSagaIds() {
        List<UUID> ids = new ArrayList<>();
        query(
                "select id from saga where kind in ('PROVISION', 'OPERATION') and status in ('RUNNING', 'COMPENSATING')",
                row -> ids.add(row.getObject(1, UUID.class)));
        return ids;
    }

    Map<UUID, String> statusByOrder() {
        Map<UUID, String> statuses = new HashMap<>();
        provisionSagas().forEach(saga -> statuses.put(saga.orderId(), saga.status()));
        return statuses;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, RowReader reader) {
        try (Connection connection = connections.get();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the saga tables: " + e.getMessage(), e);
        }
    }
}
