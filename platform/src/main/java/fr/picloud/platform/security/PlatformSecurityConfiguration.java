package fr.picloud.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Every API but health, info and the API docs requires a bearer JWT for this service's audience
 * ({@code picloud.security.audience}, the service's name unless set), and the other actuator
 * endpoints (metrics) the ops role. The issuer is given by the standard
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties: an OIDC provider's issuer URI in
 * production, the local issuer under the {@code local} profile; nothing else starts.
 */
@AutoConfiguration
@EnableMethodSecurity
public class PlatformSecurityConfiguration {

    @Bean
    static ProductionIssuerCheck productionIssuerCheck(Environment environment) {
        return new ProductionIssuerCheck(environment);
    }

    /** Spring Security uses a bean of this type for every request its firewall rejects. */
    @Bean
    @ConditionalOnMissingBean
    RequestRejectedHandler problemForRejectedRequests() {
        return ProblemSecurityHandlers.rejected();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain platformSecurityFilterChain(HttpSecurity http) throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(PlatformSecurity::authoritiesOf);
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health/**",
                                "/actuator/info",
                                "/v3/api-docs/**",
                                "/swagger-ui/**",
                                "/swagger-ui.html",
                                "/error")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole(Roles.OPS)
                        .anyRequest()
                        .authenticated())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(ProblemSecurityHandlers.unauthorized())
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(ProblemSecurityHandlers.unauthorized())
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden()));
        return http.build();
    }
}
