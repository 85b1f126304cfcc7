package fr.picloud.ops.events.application;

import fr.picloud.ops.events.domain.PlatformEvent;
import fr.picloud.ops.events.domain.Stage;
import fr.picloud.platform.domain.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An order's story across the services, oldest first: the catalogue facts of the ordered offering
 * up to the order, then everything the order caused (its correlation id is the order id): the
 * order's own events, provisioning commands, saga steps, outcomes, and billing's events about it.
 */
@Service
public class OrderTimeline {

    static final String ORDER_PLACED = "picloud.order.placed";

    private final EventLog log;
    private final JsonMapper json;

    public OrderTimeline(EventLog log, JsonMapper json) {
        this.log = log;
        this.json = json;
    }

    public List<PlatformEvent> of(String orderId) {
        List<PlatformEvent> caused = log.correlatedTo(orderId);
        if (caused.isEmpty()) {
            throw new NotFoundException(
                    "no event of order " + orderId + " was seen (or it is older than the retention)");
        }
        List<PlatformEvent> timeline = new ArrayList<>();
        caused.stream()
                .filter(event -> event.type().equals(ORDER_PLACED))
                .findFirst()
                .ifPresent(placed -> offeringOf(placed)
                        .ifPresent(offering -> log.aboutSubject(offering, placed.occurredAt()).stream()
                                .filter(event -> event.stage() == Stage.CATALOGUE)
                                .forEach(timeline::add)));
        timeline.addAll(caused);
        timeline.sort(Comparator.comparing(PlatformEvent::occurredAt));
        return timeline;
    }

    private Optional<String> offeringOf(PlatformEvent placed) {
        if (placed.payload() == null) {
            return Optional.empty();
        }
        try {
            JsonNode offering = json.readTree(placed.payload()).path("offeringId");
            return offering.isString() ? Optional.of(offering.asString()) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
