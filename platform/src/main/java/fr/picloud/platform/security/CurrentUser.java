package fr.picloud.platform.security;

import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Who calls: the token's subject, organisation ({@code tenant} claim) and roles. */
public record CurrentUser(String subject, String tenant, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The user of the current request; the security filter guarantees a token on every business path. */
    public static CurrentUser get() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("no authenticated JWT in the security context");
        }
        return PlatformSecurity.userOf(token.getToken());
    }
}
