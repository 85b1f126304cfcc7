package fr.picloud.ops.events.adapter.web;

import fr.picloud.ops.events.application.EventLog;
import fr.picloud.ops.events.application.LiveEvents;
import fr.picloud.ops.events.application.OrderTimeline;
import fr.picloud.ops.events.domain.EventFilter;
import fr.picloud.platform.domain.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/** The platform's events for operators (role {@code ops}): live, recent, and one order's timeline. */
@RestController
@RequestMapping("/api/v1/ops")
@PreAuthorize("hasRole('ops')")
class EventsController {

    private final LiveEvents live;
    private final EventLog log;
    private final OrderTimeline timelines;
    private final JsonMapper json;
    private final Duration streamTimeout;
    private final Duration heartbeat;

    EventsController(
            LiveEvents live,
            EventLog log,
            OrderTimeline timelines,
            JsonMapper json,
            @Value("${picloud.ops.stream.timeout:PT30M}") Duration streamTimeout,
            @Value("${picloud.ops.stream.heartbeat:PT15S}") Duration heartbeat) {
        this.live = live;
        this.log = log;
        this.timelines = timelines;
        this.json = json;
        this.streamTimeout = streamTimeout;
        this.heartbeat = heartbeat;
    }

    /**
     * Server-sent events: one {@code event:} per platform event stored from now on that matches, named by
     * its type, with its id and the {@link EventView} as data. A comment line opens the stream and
     * another is sent every heartbeat; a client too slow to keep up is disconnected (it reconnects).
     */
    @GetMapping(path = "/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            operationId = "streamEvents",
            summary = "Server-sent events: every platform event stored from now on that matches the filters",
            description =
                    "One event per platform event, named by its type, with its id and the event as data; a comment opens the stream and another is sent every heartbeat. A client too slow to keep up is disconnected (an EventSource reconnects).")
    SseEmitter stream(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String orderId) {
        return EventStream.open(live, new EventFilter(type, tenant, orderId), json, streamTimeout, heartbeat);
    }

    @GetMapping("/events")
    @Operation(operationId = "listEvents", summary = "The latest platform events that match the filters, newest first")
    List<EventView> latest(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String orderId,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit must be between 1 and 1000", List.of());
        }
        return log.latest(new EventFilter(type, tenant, orderId), limit).stream()
                .map(event -> EventView.of(event, json))
                .toList();
    }

    @GetMapping("/orders/{orderId}/timeline")
    @Operation(
            operationId = "getOrderTimeline",
            summary =
                    "One order's story across the services, oldest first: the offering's catalogue facts up to the order, then everything the order caused")
    List<EventView> timeline(@PathVariable String orderId) {
        return timelines.of(orderId).stream()
                .map(event -> EventView.of(event, json))
                .toList();
    }
}
