package fr.picloud.ops.alerts.application;

import fr.picloud.ops.alerts.domain.SagaAlert;
import fr.picloud.ops.alerts.domain.SagaWatch;
import fr.picloud.ops.events.application.EventLog;
import fr.picloud.ops.events.domain.PlatformEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stuck sagas and failed compensations, from the saga and outcome events the ops view stored (so
 * they show even when the provisioning service itself is down), as a list and as the gauge
 * {@code picloud.ops.saga.alerts{kind}}.
 */
@Service
public class SagaAlerts {

    private static final Logger log = LoggerFactory.getLogger(SagaAlerts.class);

    private final EventLog events;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration stuckAfter;
    private final Duration lookBack;
    private final Map<SagaAlert.Kind, AtomicLong> counts = new EnumMap<>(SagaAlert.Kind.class);

    public SagaAlerts(
            EventLog events,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters,
            @Value("${picloud.ops.alerts.saga-stuck-after:PT45M}") Duration stuckAfter,
            @Value("${picloud.ops.events.retention:P30D}") Duration lookBack) {
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
        this.lookBack = lookBack;
        for (SagaAlert.Kind kind : SagaAlert.Kind.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(kind, count);
            Gauge.builder("picloud.ops.saga.alerts", count, AtomicLong::get)
                    .description("stuck sagas and failed compensations not yet resolved, seen from the event streams")
                    .tag("kind", kind.name())
                    .register(meters);
        }
    }

    public List<SagaAlert> current() {
        Instant now = clock.instant();
        List<SagaWatch.Fact> facts = events.ofTypes(SagaWatch.WATCHED, now.minus(lookBack)).stream()
                .map(this::fact)
                .toList();
        List<SagaAlert> alerts = SagaWatch.alerts(facts, now, stuckAfter);
        counts.forEach((kind, count) ->
                count.set(alerts.stream().filter(alert -> alert.kind() == kind).count()));
        return alerts;
    }

    @Scheduled(
            fixedDelayString = "${picloud.ops.alerts.refresh-interval:PT30S}",
            initialDelayString = "${picloud.ops.alerts.refresh-interval:PT30S}")
    void refresh() {
        try {
            current();
        } catch (RuntimeException e) {
            log.warn("could not compute the saga alerts: {}", e.getMessage());
        }
    }

    private SagaWatch.Fact fact(PlatformEvent event) {
        JsonNode payload = payload(event);
        String orderId = event.correlationId() != null ? event.correlationId() : text(payload, "orderId");
        String detail = text(payload, "reason");
        if (detail == null && event.type().equals(SagaWatch.SAGA_STARTED)) {
            detail = "kind " + text(payload, "kind") + ", steps " + payload.path("steps");
        }
        return new SagaWatch.Fact(
                event.type(), orderId, text(payload, "sagaId"), event.tenant(), event.occurredAt(), detail);
    }

    private JsonNode payload(PlatformEvent event) {
        try {
            return event.payload() == null ? json.missingNode() : json.readTree(event.payload());
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }
}
