package fr.picloud.portal.web;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout shows on every page: who is signed in and, from their roles, which pages to offer. */
@ControllerAdvice
class PageModel {

    /** The same for a page rendered by an exception handler, which gets no model attributes. */
    static void addTo(org.springframework.ui.Model model, java.security.Principal principal) {
        Authentication authentication = principal instanceof Authentication signedIn ? signedIn : null;
        model.addAttribute("user", user(authentication));
        model.addAttribute("roles", roles(authentication));
    }

    @ModelAttribute("user")
    static String user(Authentication authentication) {
        return authentication == null ? null : authentication.getName();
    }

    @ModelAttribute("roles")
    static Set<String> roles(Authentication authentication) {
        return authentication == null
                ? Set.of()
                : authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(authority -> authority.startsWith("ROLE_"))
                        .map(authority -> authority.substring("ROLE_".length()))
                        .collect(Collectors.toUnmodifiableSet());
    }
}
