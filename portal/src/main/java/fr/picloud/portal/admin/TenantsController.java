package fr.picloud.portal.admin;

import fr.picloud.portal.services.OrderClient;
import fr.picloud.portal.services.OrderClient.ApprovalPolicy;
import fr.picloud.portal.services.OrderClient.CostCenter;
import fr.picloud.portal.services.OrderClient.Limits;
import fr.picloud.portal.services.ServiceProblem;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The platform administrators' pages: every tenant with its quota use, and one tenant's quota limits,
 * approval policy and cost centres, each changed by a form. order-service checks every value; its
 * refusal is shown beside the field it names, with what was typed kept.
 */
@Controller
class TenantsController {

    static final List<String> LIMITS =
            List.of("vcpus", "ramGb", "volumeGb", "instances", "floatingIps", "monthlyBudget");

    private final OrderClient orders;

    TenantsController(OrderClient orders) {
        this.orders = orders;
    }

    @GetMapping("/admin/tenants")
    String tenants(Model model) {
        model.addAttribute("tenants", orders.tenants());
        return "tenants";
    }

    @GetMapping("/admin/tenants/{id}")
    String tenant(@PathVariable String id, Model model) {
        show(id, model, Map.of(), null, null);
        return "tenant";
    }

    @PostMapping("/admin/tenants/{id}/quota")
    String changeQuota(
            @PathVariable String id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Limits limits = new Limits(
                whole(form, "vcpus", errors),
                whole(form, "ramGb", errors),
                whole(form, "volumeGb", errors),
                whole(form, "instances", errors),
                whole(form, "floatingIps", errors),
                amount(form, "monthlyBudget", errors));
        return change(id, "quota", form, errors, model, redirect, () -> orders.changeQuota(id, limits));
    }

    @PostMapping("/admin/tenants/{id}/policy")
    String changePolicy(
            @PathVariable String id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        ApprovalPolicy policy = new ApprovalPolicy(
                amount(form, "autoApproveBelow", errors),
                Arrays.stream(form.getOrDefault("autoApproveCategories", "").split(","))
                        .map(String::strip)
                        .filter(category -> !category.isEmpty())
                        .toList(),
                amount(form, "twoApprovalsAbove", errors),
                hours(form, "escalateAfter", errors),
                hours(form, "expireAfter", errors));
        return change(id, "policy", form, errors, model, redirect, () -> orders.changePolicy(id, policy));
    }

    @PostMapping("/admin/tenants/{id}/cost-centers")
    String addCostCenter(
            @PathVariable String id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        CostCenter costCenter = new CostCenter(
                form.getOrDefault("code", "").strip(),
                form.getOrDefault("name", "").strip());
        return change(
                id,
                "costCenter",
                form,
                new LinkedHashMap<>(),
                model,
                redirect,
                () -> orders.addCostCenter(id, costCenter));
    }

    /**
     * Sends the change when every field could be read; otherwise, or when order-service refuses it, the
     * page again with the form as typed and each message beside its field.
     */
    private String change(
            String id,
            String form,
            Map<String, String> typed,
            Map<String, String> errors,
            Model model,
            RedirectAttributes redirect,
            Runnable change) {
        if (errors.isEmpty()) {
            try {
                change.run();
                redirect.addFlashAttribute("changed", form);
                return "redirect:/admin/tenants/" + id;
            } catch (ServiceProblem problem) {
                if (problem.status() >= 500 || problem.status() == 404 || problem.status() == 403) {
                    throw problem;
                }
                errors.putAll(problem.fieldErrors(""));
                errors.putIfAbsent("", problem.detail());
            }
        }
        show(id, model, errors, form, typed);
        return "tenant";
    }

    private void show(String id, Model model, Map<String, String> errors, String form, Map<String, String> typed) {
        model.addAttribute("tenant", orders.tenant(id));
        model.addAttribute("usage", orders.quota(id));
        model.addAttribute("policy", orders.policy(id));
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("typed", typed == null ? Map.of() : typed);
        model.addAttribute("limits", LIMITS);
    }

    static Integer whole(Map<String, String> form, String field, Map<String, String> errors) {
        return read(form, field, errors, Integer::valueOf);
    }

    static BigDecimal amount(Map<String, String> form, String field, Map<String, String> errors) {
        return read(form, field, errors, value -> new BigDecimal(value.replace(',', '.')));
    }

    /** Hours, possibly with a fraction ("1,5"), to the minute; NaN and infinities are not numbers of hours. */
    static Duration hours(Map<String, String> form, String field, Map<String, String> errors) {
        return read(form, field, errors, value -> {
            double hours = Double.parseDouble(value.replace(',', '.'));
            if (!Double.isFinite(hours)) {
                throw new NumberFormatException("not a number of hours: " + value);
            }
            return Duration.ofMinutes(Math.round(hours * 60));
        });
    }

    /** A number from the form; a blank or unreadable one is named in {@code errors} and read as absent. */
    private static <T> T read(
            Map<String, String> form, String field, Map<String, String> errors, Function<String, T> parse) {
        String value = form.getOrDefault(field, "").strip();
        try {
            return parse.apply(value);
        } catch (NumberFormatException | ArithmeticException e) {
            errors.put(field, "#number");
            return null;
        }
    }
}
