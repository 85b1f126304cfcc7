package fr.picloud.portal.ops;

import fr.picloud.portal.services.EventStreams;
import fr.picloud.portal.services.OpsClient;
import fr.picloud.portal.services.OpsClient.EventFilter;
import fr.picloud.portal.services.OpsClient.Saga;
import fr.picloud.portal.services.ServiceProblem;
import fr.picloud.portal.web.EventStreamRelay;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operators' pages: sagas that need a hand (stuck, or whose compensation failed) with the operator
 * actions behind a confirmation, dead letters with replay, consumer lag, the latest events with
 * filters (refreshed while the page is open) and an order's timeline across the services. Each part
 * is read on its own: a service that does not answer blanks its part of the page, not the page.
 */
@Controller
class OpsController {

    /** The operator actions on a saga, as provisioning-service names them. */
    static final Set<String> ACTIONS = Set.of("retry", "compensate");

    static final int EVENTS = 50;

    private final OpsClient ops;
    private final EventStreams streams;

    OpsController(OpsClient ops, EventStreams streams) {
        this.ops = ops;
        this.streams = streams;
    }

    @GetMapping("/ops")
    String ops(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String orderId,
            Model model) {
        Map<String, String> unavailable = new LinkedHashMap<>();
        model.addAttribute("attention", read("sagas", unavailable, this::needingAttention));
        List<OpsClient.DeadLetterTopic> watched = read("deadLetters", unavailable, () -> ops.deadLetters(20));
        model.addAttribute("watchedTopics", watched.size());
        model.addAttribute(
                "deadLetters",
                watched.stream().filter(topic -> topic.count() > 0).toList());
        model.addAttribute("consumers", read("consumers", unavailable, ops::consumers));
        events(type, tenant, orderId, model, unavailable);
        model.addAttribute("unavailable", unavailable);
        return "ops";
    }

    /** The events part of the page alone, which htmx fetches again every few seconds. */
    @GetMapping("/ops/events")
    String eventsFragment(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String orderId,
            Model model) {
        Map<String, String> unavailable = new LinkedHashMap<>();
        events(type, tenant, orderId, model, unavailable);
        model.addAttribute("unavailable", unavailable);
        return "ops :: events";
    }

    /**
     * The platform's events as they are stored, for the page's list: ops-service's stream with the user's
     * token, each event renamed {@code platform-event} (ops-service names them by their type), so that the
     * page fetches its list again at each one.
     */
    @GetMapping(path = "/ops/events/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<StreamingResponseBody> liveEvents(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String orderId,
            @RegisteredOAuth2AuthorizedClient("picloud") OAuth2AuthorizedClient client) {
        InputStream stream = streams.platformEvents(
                type, tenant, orderId, client.getAccessToken().getTokenValue());
        return EventStreamRelay.relay(stream, line -> line.startsWith("event:") ? "event:platform-event" : line);
    }

    @GetMapping("/ops/orders/{orderId}")
    String timeline(@PathVariable UUID orderId, Model model) {
        model.addAttribute("orderId", orderId);
        model.addAttribute("events", ops.timeline(orderId));
        return "ops-timeline";
    }

    @GetMapping("/ops/sagas/{id}")
    String saga(@PathVariable UUID id, Model model) {
        model.addAttribute("details", ops.saga(id));
        return "ops-saga";
    }

    /** The confirmation page of an operator action: what the saga holds, and what the action will do. */
    @GetMapping("/ops/sagas/{id}/{action:retry|compensate}")
    String confirm(@PathVariable UUID id, @PathVariable String action, Model model) {
        model.addAttribute("details", ops.saga(id));
        model.addAttribute("action", action);
        return "ops-confirm";
    }

    @PostMapping("/ops/sagas/{id}/{action:retry|compensate}")
    String act(@PathVariable UUID id, @PathVariable String action, RedirectAttributes redirect) {
        try {
            if (action.equals("retry")) {
                ops.retry(id);
            } else {
                ops.compensate(id);
            }
            redirect.addFlashAttribute("acted", action);
        } catch (ServiceProblem problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            redirect.addFlashAttribute("refusal", problem.detail());
        }
        return "redirect:/ops/sagas/" + id;
    }

    @PostMapping("/ops/dead-letters/{topic}/{partition}/{offset}/replay")
    String replay(
            @PathVariable String topic,
            @PathVariable int partition,
            @PathVariable long offset,
            @RequestParam(defaultValue = "false") boolean again,
            RedirectAttributes redirect) {
        try {
            ops.replay(topic, partition, offset, again);
            redirect.addFlashAttribute("replayed", topic + "/" + partition + "/" + offset);
        } catch (ServiceProblem problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            redirect.addFlashAttribute("refusal", problem.detail());
        }
        return "redirect:/ops#dead-letters";
    }

    /** Sagas whose compensation failed, then the stuck ones: each once. */
    private List<Saga> needingAttention() {
        Map<UUID, Saga> sagas = new LinkedHashMap<>();
        ops.sagas("COMPENSATION_FAILED", false, 100).forEach(saga -> sagas.put(saga.id(), saga));
        ops.sagas(null, true, 100).forEach(saga -> sagas.putIfAbsent(saga.id(), saga));
        return new ArrayList<>(sagas.values());
    }

    private void events(String type, String tenant, String orderId, Model model, Map<String, String> unavailable) {
        EventFilter filter = new EventFilter(blankToNull(type), blankToNull(tenant), blankToNull(orderId));
        model.addAttribute("filter", filter);
        model.addAttribute("events", read("events", unavailable, () -> ops.events(filter, EVENTS)));
    }

    /** A part of the page, or an empty one marked unavailable when its service does not answer or refuses. */
    private static <T> List<T> read(String part, Map<String, String> unavailable, Supplier<List<T>> reading) {
        try {
            return reading.get();
        } catch (ResourceAccessException | ServiceProblem e) {
            unavailable.put(
                    part, e instanceof ServiceProblem problem && problem.status() < 500 ? problem.detail() : "");
            return List.of();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
