package fr.picloud.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every API but health, info and the API docs requires a bearer JWT. The issuer is given by
 * the standard {@code spring.security.oauth2.resourceserver.jwt.*} properties: an OIDC provider's
 * issuer URI in production, the local issuer's JWK set in the local stack.
 */
@AutoConfiguration
@EnableMethodSecurity
public class PlatformSecurityConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, JsonMapper json) throws Exception {
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
                        .anyRequest()
                        .authenticated())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(ProblemSecurityHandlers.unauthorized(json))
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden(json)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(ProblemSecurityHandlers.unauthorized(json))
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden(json)));
        return http.build();
    }
}
