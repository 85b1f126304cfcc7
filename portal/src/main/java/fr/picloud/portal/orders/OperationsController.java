package fr.picloud.portal.orders;

import fr.picloud.portal.services.OrderClient;
import fr.picloud.portal.services.OrderClient.AskOperation;
import fr.picloud.portal.services.ServiceProblem;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What an agent does with a completed order's resources from its page (resize, extend, stop, start,
 * reboot, snapshot, delete a snapshot), what an approver decides on an operation that waits, and the
 * order's decommission behind a confirmation page. Each form carries the Idempotency-Key it was
 * rendered with, so a double click asks once; order-service's refusal is shown on the order's page.
 */
@Controller
class OperationsController {

    private final OrderClient orders;

    OperationsController(OrderClient orders) {
        this.orders = orders;
    }

    @PostMapping("/orders/{id}/operations")
    String ask(
            @PathVariable UUID id,
            @RequestParam String type,
            @RequestParam(defaultValue = "") String target,
            @RequestParam(required = false) String flavor,
            @RequestParam(required = false) String sizeGb,
            @RequestParam(required = false) String endsOn,
            @RequestParam(name = "_idempotencyKey", required = false) String idempotencyKey,
            RedirectAttributes redirect) {
        Instant endsAt;
        try {
            endsAt = EndDateField.parse(endsOn).orElse(null);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("operationRefusalKey", "order.endsOn.invalid");
            return "redirect:/orders/" + id;
        }
        Integer size;
        try {
            size = sizeGb == null || sizeGb.isBlank() ? null : Integer.valueOf(sizeGb.strip());
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute("operationRefusalKey", "operation.size.invalid");
            return "redirect:/orders/" + id;
        }
        String key = idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID().toString()
                : idempotencyKey;
        return act(
                id,
                redirect,
                "asked",
                () -> orders.askOperation(
                        id, key, new AskOperation(type, blankToNull(target), blankToNull(flavor), size, endsAt)));
    }

    @PostMapping("/orders/{id}/operations/{operationId}/approve")
    String approve(@PathVariable UUID id, @PathVariable UUID operationId, RedirectAttributes redirect) {
        return act(id, redirect, "approved", () -> orders.approveOperation(id, operationId));
    }

    @PostMapping("/orders/{id}/operations/{operationId}/reject")
    String reject(
            @PathVariable UUID id,
            @PathVariable UUID operationId,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        return act(id, redirect, "rejected", () -> orders.rejectOperation(id, operationId, reason));
    }

    /** The confirmation page: a decommission deletes every resource of the order, it cannot be undone. */
    @GetMapping("/orders/{id}/decommission")
    String confirmDecommission(@PathVariable UUID id, Model model) {
        model.addAttribute("order", orders.get(id));
        return "decommission";
    }

    @PostMapping("/orders/{id}/decommission")
    String decommission(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, redirect, "decommissioned", () -> orders.decommission(id));
    }

    private static String act(UUID id, RedirectAttributes redirect, String outcome, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("operationOutcome", outcome);
        } catch (ServiceProblem problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            redirect.addFlashAttribute("operationRefusal", problem.detail());
        }
        return "redirect:/orders/" + id;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
