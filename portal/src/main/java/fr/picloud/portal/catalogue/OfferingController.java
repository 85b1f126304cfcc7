package fr.picloud.portal.catalogue;

import fr.picloud.portal.orders.EndDateField;
import fr.picloud.portal.schemaform.SchemaForm;
import fr.picloud.portal.schemaform.UnsupportedSchemaException;
import fr.picloud.portal.services.CatalogClient;
import fr.picloud.portal.services.CatalogClient.OfferingView;
import fr.picloud.portal.services.OrderClient;
import fr.picloud.portal.services.OrderClient.PlaceOrder;
import fr.picloud.portal.services.OrderClient.Placed;
import fr.picloud.portal.services.ServiceProblem;
import fr.picloud.portal.web.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.ResourceAccessException;

/**
 * An offering's page: its description, the price in force, and the order form generated from its
 * parameter schema, with a live quote as the fields change (catalog-service's quote) and the
 * services' violations shown beside each field.
 */
@Controller
class OfferingController {

    /** The form's inputs for the order itself, beside the generated parameters. */
    static final String COST_CENTER = "_costCenter";

    static final String JUSTIFICATION = "_justification";
    /** The order's last day (a date), when the offering wants an end date or the agent gives one. */
    static final String END_DATE = "_endsOn";

    static final String IDEMPOTENCY_KEY = "_idempotencyKey";

    /** The tenant's quotas shown beside the order form, with the monthly budget after them. */
    static final List<String> QUOTA_SHOWN = List.of("instances", "vcpus", "ramGb", "volumeGb", "floatingIps");

    private static final String PARAMETERS = "parameters.";

    private final CatalogClient catalog;
    private final OrderClient orders;
    private final MessageSource messages;
    private final Clock clock = Clock.systemUTC();

    OfferingController(CatalogClient catalog, OrderClient orders, MessageSource messages) {
        this.catalog = catalog;
        this.orders = orders;
        this.messages = messages;
    }

    @GetMapping("/catalogue/{id}")
    String offering(@PathVariable UUID id, Model model) {
        OfferingView view = catalog.offering(id);
        Map<String, String> values = new LinkedHashMap<>();
        show(view, model);
        if (model.getAttribute("form") instanceof SchemaForm form) {
            values.putAll(form.defaults());
        }
        values.put(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        model.addAttribute("values", values);
        model.addAttribute("errors", Map.of());
        return "offering";
    }

    /** The quote panel for htmx, with each field's error swapped in beside it (out of band). */
    @PostMapping("/catalogue/{id}/quote")
    String quote(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model) {
        SchemaForm form = SchemaForm.of(catalog.offering(id).offering().parameterSchema());
        model.addAttribute("form", form);
        model.addAttribute("htmxQuote", true);
        try {
            model.addAttribute("quote", catalog.quote(id, form.parameters(submitted)));
            model.addAttribute("errors", Map.of());
        } catch (ServiceProblem problem) {
            if (problem.status() != 422 && problem.status() != 400) {
                throw problem;
            }
            model.addAttribute("errors", problem.fieldErrors(PARAMETERS));
        }
        return "offering :: quote";
    }

    @PostMapping("/catalogue/{id}/order")
    String order(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model) {
        OfferingView view = catalog.offering(id);
        SchemaForm form = SchemaForm.of(view.offering().parameterSchema());
        Instant endsAt;
        try {
            endsAt = EndDateField.parse(submitted.get(END_DATE)).orElse(null);
        } catch (IllegalArgumentException e) {
            show(view, model);
            model.addAttribute("values", submitted);
            model.addAttribute(
                    "errors",
                    Map.of(
                            END_DATE,
                            messages.getMessage("order.endsOn.invalid", null, LocaleContextHolder.getLocale())));
            return "offering";
        }
        try {
            Placed placed = orders.place(
                    submitted.getOrDefault(IDEMPOTENCY_KEY, UUID.randomUUID().toString()),
                    new PlaceOrder(
                            id,
                            form.parameters(submitted),
                            submitted.getOrDefault(COST_CENTER, ""),
                            submitted.getOrDefault(JUSTIFICATION, ""),
                            endsAt));
            return "redirect:/orders/" + placed.id() + "?placed";
        } catch (ServiceProblem problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            show(view, model);
            Map<String, String> errors = new LinkedHashMap<>(problem.fieldErrors(PARAMETERS));
            // the order's own fields, as order-service names them
            move(errors, "costCenter", COST_CENTER);
            move(errors, "justification", JUSTIFICATION);
            move(errors, "endsAt", END_DATE);
            model.addAttribute("values", submitted);
            model.addAttribute("errors", errors);
            model.addAttribute("refusal", problem.detail());
            return "offering";
        }
    }

    private void show(OfferingView view, Model model) {
        model.addAttribute("view", view);
        model.addAttribute("quota", quotaLeft());
        model.addAttribute("quotaShown", QUOTA_SHOWN);
        Integer lifetime = view.offering().maxLifetimeDays();
        model.addAttribute("endRequired", lifetime != null);
        model.addAttribute("maxLifetimeDays", lifetime);
        model.addAttribute("endsMin", EndDateField.earliest(clock));
        model.addAttribute("endsMax", EndDateField.latest(clock, lifetime));
        try {
            model.addAttribute("form", SchemaForm.of(view.offering().parameterSchema()));
        } catch (UnsupportedSchemaException e) {
            model.addAttribute("unsupported", e.getMessage());
        }
    }

    /** What the user's tenant has left before this order, or null when order-service cannot say now. */
    private OrderClient.QuotaUsage quotaLeft() {
        String tenant = CurrentUser.tenant();
        if (tenant == null) {
            return null;
        }
        try {
            return orders.quota(tenant);
        } catch (ServiceProblem | ResourceAccessException unavailable) {
            return null;
        }
    }

    private static void move(Map<String, String> errors, String from, String to) {
        String message = errors.remove(from);
        if (message != null) {
            errors.put(to, message);
        }
    }
}
