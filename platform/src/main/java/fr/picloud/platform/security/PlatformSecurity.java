package fr.picloud.platform.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** How PI Cloud reads its tokens: roles from the {@code roles} claim, organisation from {@code tenant}. */
public final class PlatformSecurity {

    public static final String ROLES_CLAIM = "roles";
    public static final String TENANT_CLAIM = "tenant";
    public static final String PROVIDER_CLAIM = "provider";

    private PlatformSecurity() {}

    static Collection<GrantedAuthority> authoritiesOf(Jwt jwt) {
        return rolesOf(jwt).stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(Roles.AUTHORITY_PREFIX + role))
                .toList();
    }

    static CurrentUser userOf(Jwt jwt) {
        return new CurrentUser(
                jwt.getSubject(),
                jwt.getClaimAsString(TENANT_CLAIM),
                rolesOf(jwt),
                jwt.getClaimAsString(PROVIDER_CLAIM));
    }

    private static Set<String> rolesOf(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
        return roles == null ? Set.of() : Set.copyOf(new HashSet<>(roles));
    }
}
