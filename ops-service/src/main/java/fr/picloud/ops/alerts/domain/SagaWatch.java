package fr.picloud.ops.alerts.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the alerts out of the saga and outcome events of the provisioning service, oldest first:
 * a saga started and not ended after {@code stuckAfter}, and a compensation that failed with no
 * later compensation that succeeded (an operator's retry that works clears it).
 */
public final class SagaWatch {

    public static final String SAGA_STARTED = "picloud.provisioning.saga-started";
    public static final String COMPLETED = "picloud.provisioning.completed";
    public static final String COMPENSATED = "picloud.provisioning.compensated";
    public static final String COMPENSATION_FAILED = "picloud.provisioning.compensation-failed";
    public static final String DECOMMISSION_COMPLETED = "picloud.provisioning.decommission-completed";

    public static final List<String> WATCHED =
            List.of(SAGA_STARTED, COMPLETED, COMPENSATED, COMPENSATION_FAILED, DECOMMISSION_COMPLETED);

    /** A saga or outcome event: its type, order (correlation id), saga id when it carries one, and reason. */
    public record Fact(String type, String orderId, String sagaId, String tenant, Instant at, String detail) {}

    private SagaWatch() {}

    public static List<SagaAlert> alerts(List<Fact> facts, Instant now, Duration stuckAfter) {
        List<Fact> ordered = facts.stream()
                .filter(fact -> fact.orderId() != null)
                .sorted(Comparator.comparing(Fact::at))
                .toList();
        Map<String, Fact> running = new HashMap<>();
        Map<String, Fact> failedCompensations = new HashMap<>();
        for (Fact fact : ordered) {
            switch (fact.type()) {
                case SAGA_STARTED -> running.put(fact.orderId(), fact);
                case COMPENSATION_FAILED -> {
                    running.remove(fact.orderId());
                    failedCompensations.put(fact.orderId(), fact);
                }
                case COMPENSATED -> {
                    running.remove(fact.orderId());
                    failedCompensations.remove(fact.orderId());
                }
                case COMPLETED, DECOMMISSION_COMPLETED -> running.remove(fact.orderId());
                default -> {
                    // not a saga's start or end
                }
            }
        }
        List<SagaAlert> alerts = new ArrayList<>();
        running.values().stream()
                .filter(started -> started.at().plus(stuckAfter).isBefore(now))
                .sorted(Comparator.comparing(Fact::at))
                .forEach(started -> alerts.add(new SagaAlert(
                        SagaAlert.Kind.STUCK_SAGA,
                        started.orderId(),
                        started.sagaId(),
                        started.tenant(),
                        started.at(),
                        started.detail())));
        failedCompensations.values().stream()
                .sorted(Comparator.comparing(Fact::at))
                .forEach(failed -> alerts.add(new SagaAlert(
                        SagaAlert.Kind.COMPENSATION_FAILED,
                        failed.orderId(),
                        failed.sagaId(),
                        failed.tenant(),
                        failed.at(),
                        failed.detail())));
        return alerts;
    }
}
