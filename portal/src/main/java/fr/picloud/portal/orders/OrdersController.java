package fr.picloud.portal.orders;

import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.provisioning.ProvisionedResource;
import fr.picloud.portal.services.CatalogClient;
import fr.picloud.portal.services.OrderClient;
import fr.picloud.portal.services.OrderClient.Operation;
import fr.picloud.portal.services.OrderClient.Order;
import fr.picloud.portal.services.OrderClient.SagaProgress;
import fr.picloud.portal.services.ServiceProblem;
import fr.picloud.portal.web.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's orders, an order's page (status, timeline, resources, refreshed while it moves) and the
 * approvers' inbox. order-service decides who may see and decide what; the portal only hides the
 * buttons a user may not press (an approver's own order).
 */
@Controller
class OrdersController {

    /** Statuses after which an order no longer moves by itself: its page stops refreshing. */
    static final Set<String> SETTLED =
            Set.of("COMPLETED", "FAILED", "REJECTED", "CANCELLED", "DECOMMISSIONED", "PENDING_APPROVAL");

    /** The phases after which a saga reports nothing more. */
    static final Set<String> SAGA_OVER = Set.of("COMPLETED", "COMPENSATED");

    static final int PAGE_SIZE = 20;

    /** Statuses in which an order may have day-2 operations to show. */
    static final Set<String> OPERATED = Set.of("COMPLETED", "DECOMMISSIONING", "DECOMMISSIONED");

    private final OrderClient orders;
    private final CatalogClient catalog;
    private final Clock clock = Clock.systemUTC();

    OrdersController(OrderClient orders, CatalogClient catalog) {
        this.orders = orders;
        this.catalog = catalog;
    }

    @GetMapping("/orders")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("orders", orders.list(null, Math.max(0, page), PAGE_SIZE));
        return "orders";
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable UUID id, Model model) {
        Order order = orders.get(id);
        show(order, model);
        if (order.endsAt() != null) {
            model.addAttribute("lastDay", EndDateField.lastDay(order.endsAt()));
            // the first reminder comes 14 days before: from then on the page says so too
            model.addAttribute(
                    "endSoon",
                    order.status().equals("COMPLETED")
                            && order.endsAt().isBefore(clock.instant().plus(Duration.ofDays(14))));
        }
        if (order.status().equals("COMPLETED")) {
            Optional<OfferingState> offering = offering(order);
            model.addAttribute(
                    "flavors", offering.map(OrdersController::flavors).orElse(List.of()));
            Integer lifetime = offering.map(OfferingState::maxLifetimeDays).orElse(null);
            model.addAttribute("maxLifetimeDays", lifetime);
            model.addAttribute("endsMin", EndDateField.earliest(clock));
            model.addAttribute("endsMax", EndDateField.latest(clock, lifetime));
            model.addAttribute("servers", ofKind(order, "server"));
            model.addAttribute("volumes", ofKind(order, "volume"));
            model.addAttribute("snapshots", ofKind(order, "volume-snapshot"));
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        }
        return "order";
    }

    /** The moving part of an order's page, which htmx fetches again every few seconds until it settles. */
    @GetMapping("/orders/{id}/progress")
    String progress(@PathVariable UUID id, Model model) {
        show(orders.get(id), model);
        return "order :: progress";
    }

    @GetMapping("/approvals")
    String approvals(Model model) {
        model.addAttribute("orders", orders.list("PENDING_APPROVAL", 0, 100));
        model.addAttribute("me", CurrentUser.name());
        return "approvals";
    }

    @PostMapping("/approvals/{id}/approve")
    String approve(@PathVariable UUID id, RedirectAttributes redirect) {
        return decide(id, redirect, "approved", () -> orders.approve(id));
    }

    @PostMapping("/approvals/{id}/reject")
    String reject(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        return decide(id, redirect, "rejected", () -> orders.reject(id, reason));
    }

    private static String decide(UUID id, RedirectAttributes redirect, String outcome, Decision decision) {
        try {
            decision.take();
            redirect.addFlashAttribute("decided", outcome);
            redirect.addFlashAttribute("decidedOrder", id);
        } catch (ServiceProblem problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            redirect.addFlashAttribute("refusal", problem.detail());
        }
        return "redirect:/approvals";
    }

    private void show(Order order, Model model) {
        List<Operation> operations = operationsOf(order);
        model.addAttribute("order", order);
        model.addAttribute("operations", operations);
        // a new end date reads as the last day the order lives, in Paris, like the field it came from
        Map<UUID, LocalDate> lastDays = new HashMap<>();
        operations.stream()
                .filter(operation -> operation.endsAt() != null)
                .forEach(operation -> lastDays.put(operation.id(), EndDateField.lastDay(operation.endsAt())));
        model.addAttribute("operationLastDays", lastDays);
        model.addAttribute("me", CurrentUser.name());
        // the saga at work now, or the last one: what the order's page shows step by step
        List<SagaProgress> sagas = progressOf(order);
        SagaProgress saga = sagas.isEmpty() ? null : sagas.getLast();
        model.addAttribute("saga", saga);
        // the saga's last steps come on their own topic and may trail the order's outcome: the page
        // keeps following until they are in too
        boolean sagaOver = saga == null || SAGA_OVER.contains(saga.phase());
        model.addAttribute(
                "settled",
                SETTLED.contains(order.status())
                        && sagaOver
                        && operations.stream().noneMatch(OrdersController::open));
    }

    /** The order's sagas; without them (order-service could not say) the page shows the rest. */
    private List<SagaProgress> progressOf(Order order) {
        try {
            return orders.progress(order.id());
        } catch (ServiceProblem | ResourceAccessException unavailable) {
            return List.of();
        }
    }

    private List<Operation> operationsOf(Order order) {
        if (!OPERATED.contains(order.status())) {
            return List.of();
        }
        return orders.operations(order.id());
    }

    private static List<ProvisionedResource> ofKind(Order order, String kind) {
        return Objects.requireNonNullElse(order.resources(), List.<ProvisionedResource>of()).stream()
                .filter(resource -> resource.kind().equals(kind))
                .toList();
    }

    static boolean open(Operation operation) {
        return operation.status().equals("PENDING_APPROVAL")
                || operation.status().equals("RUNNING");
    }

    /** The flavors a server of the order may be resized to: its offering's, or none while the catalogue does not answer. */
    /** The order's offering as the catalogue has it now, or empty when catalog-service cannot say. */
    private Optional<OfferingState> offering(Order order) {
        try {
            return Optional.of(catalog.offering(order.offeringId()).offering());
        } catch (ServiceProblem | ResourceAccessException unavailable) {
            return Optional.empty();
        }
    }

    private static List<String> flavors(OfferingState offering) {
        ResourceTemplate template = offering.resourceTemplate();
        return template == null
                ? List.of()
                : template.flavors().keySet().stream().sorted().toList();
    }

    @FunctionalInterface
    private interface Decision {
        Order take();
    }
}
