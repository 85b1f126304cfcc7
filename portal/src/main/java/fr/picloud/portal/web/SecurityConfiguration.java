package fr.picloud.portal.web;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Sign-in with OpenID Connect (authorization code with PKCE: the portal is a public client), a
 * strict Content-Security-Policy (no inline script or style, nothing from another origin), CSRF
 * tokens on every form, and a logout that ends the session at the issuer too.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The role claim the services read; the portal reads it only to show each role its pages. */
    static final String ROLES_CLAIM = "roles";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
            + " frame-ancestors 'none'; form-action 'self' %s";

    @Bean
    SecurityFilterChain portal(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        String issuer = registrations
                .findByRegistrationId("picloud")
                .getProviderDetails()
                .getIssuerUri();
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/dsfr/**", "/webjars/**", "/css/**", "/js/**", "/actuator/health", "/error")
                        .permitAll()
                        // a role sees only its pages (the services decide again on every call)
                        .requestMatchers("/ops/**", "/ops")
                        .hasRole("ops")
                        .requestMatchers("/migration/**", "/migration")
                        .hasRole("migration-lead")
                        .requestMatchers("/admin/**")
                        .hasRole("platform-admin")
                        .requestMatchers("/finance/**", "/finance")
                        .hasRole("finance")
                        .requestMatchers("/approvals/**", "/approvals")
                        .hasRole("approver")
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(denied -> denied.accessDeniedPage(ServiceErrors.DENIED))
                .oauth2Login(login -> {})
                .logout(out -> out.logoutSuccessHandler(logout))
                .headers(headers -> headers.contentSecurityPolicy(csp ->
                                csp.policyDirectives(CONTENT_SECURITY_POLICY.formatted(issuer == null ? "" : issuer)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** ROLE_agent, ROLE_approver... from the ID token's {@code roles} claim. */
    @Bean
    GrantedAuthoritiesMapper rolesFromIdToken() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    Collection<?> roles = oidc.getIdToken().getClaimAsStringList(ROLES_CLAIM) == null
                            ? List.of()
                            : oidc.getIdToken().getClaimAsStringList(ROLES_CLAIM);
                    roles.forEach(role -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
                }
            }
            return mapped;
        };
    }
}
