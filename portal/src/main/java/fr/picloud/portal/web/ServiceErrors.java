package fr.picloud.portal.web;

import fr.picloud.portal.services.ServiceProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.client.ResourceAccessException;

/**
 * A service that refuses or does not answer gives a page that says so in words; the rest of the portal
 * keeps working. Another tenant's order is "not found", as the service answers.
 */
@ControllerAdvice
class ServiceErrors {

    private static final Logger log = LoggerFactory.getLogger(ServiceErrors.class);

    /** Where Spring Security forwards a signed-in user whose role does not open the page asked for. */
    static final String DENIED = "/denied";

    @ExceptionHandler(ServiceProblem.class)
    String problem(ServiceProblem problem, Model model, HttpServletResponse response, Principal principal) {
        PageModel.addTo(model, principal);
        int status = problem.status() == 404 || problem.status() == 403 ? problem.status() : 502;
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("detail", problem.detail());
        return "problem";
    }

    @ExceptionHandler(ResourceAccessException.class)
    String unavailable(ResourceAccessException e, Model model, HttpServletResponse response, Principal principal) {
        PageModel.addTo(model, principal);
        log.warn("a service did not answer: {}", e.getMessage());
        response.setStatus(503);
        model.addAttribute("status", 503);
        model.addAttribute("detail", null);
        return "problem";
    }
}
