package fr.picloud.portal.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** The signed-in user as the services know them: the token's subject. */
public final class CurrentUser {

    private CurrentUser() {}

    /** The claim of the ID token that names the user's organisation, as the services read it from the access token. */
    static final String TENANT_CLAIM = "tenant";

    /** The signed-in user's tenant, or null when the issuer names none. */
    public static String tenant() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof OidcUser user
                ? user.getClaimAsString(TENANT_CLAIM)
                : null;
    }

    public static String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? null : authentication.getName();
    }
}
