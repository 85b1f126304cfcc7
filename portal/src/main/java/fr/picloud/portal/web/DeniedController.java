package fr.picloud.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** The page of a signed-in user whose role does not open the page asked for: a 403 in words, in the portal's frame. */
@Controller
class DeniedController {

    @RequestMapping(ServiceErrors.DENIED)
    String denied(Model model, HttpServletResponse response, Principal principal) {
        PageModel.addTo(model, principal);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("status", 403);
        model.addAttribute("detail", null);
        return "problem";
    }
}
