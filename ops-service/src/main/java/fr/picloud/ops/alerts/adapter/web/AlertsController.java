package fr.picloud.ops.alerts.adapter.web;

import fr.picloud.ops.alerts.application.SagaAlerts;
import fr.picloud.ops.alerts.domain.SagaAlert;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stuck sagas and failed compensations, oldest first (role {@code ops}). */
@RestController
@RequestMapping("/api/v1/ops/alerts")
@PreAuthorize("hasRole('ops')")
class AlertsController {

    private final SagaAlerts alerts;

    AlertsController(SagaAlerts alerts) {
        this.alerts = alerts;
    }

    record Alerts(List<SagaAlert> stuckSagas, List<SagaAlert> compensationFailures) {}

    @GetMapping
    @Operation(
            operationId = "listAlerts",
            summary = "Sagas stuck past their deadline and failed compensations, oldest first")
    Alerts alerts() {
        List<SagaAlert> current = alerts.current();
        return new Alerts(
                current.stream()
                        .filter(alert -> alert.kind() == SagaAlert.Kind.STUCK_SAGA)
                        .toList(),
                current.stream()
                        .filter(alert -> alert.kind() == SagaAlert.Kind.COMPENSATION_FAILED)
                        .toList());
    }
}
