package fr.picloud.platform.security;

import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who calls: the token's subject, organisation ({@code tenant} claim), roles, and for an
 * administrator of a partner provider the provider they are limited to ({@code provider} claim,
 * absent for platform-wide administrators).
 */
public record CurrentUser(String subject, String tenant, Set<String> roles, String provider) {

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
