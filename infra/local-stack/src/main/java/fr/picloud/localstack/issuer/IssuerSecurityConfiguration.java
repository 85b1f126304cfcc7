package fr.picloud.localstack.issuer;

import static org.springframework.security.config.Customizer.withDefaults;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server's endpoints (authorization code with form login, token, OIDC discovery,
 * JWKS), the demo accounts, a signing key that survives restarts, and the local minting endpoint.
 * Registered clients and the issuer URI come from {@code issuer.yml}.
 */
@Configuration(proxyBeanMethods = false)
class IssuerSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.oidc(withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browsers));
        return http.build();
    }

    /** The minting endpoint asks for no credentials: the issuer listens on the loopback interface only. */
    @Bean
    @Order(2)
    SecurityFilterChain localMintingEndpoint(HttpSecurity http) throws Exception {
        http.securityMatcher(LocalTokenController.PATH + "/**", "/error")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain loginPage(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(withDefaults());
        return http.build();
    }

    @Bean
    DemoPassword demoPassword(Environment environment, IssuerProperties properties) throws IOException {
        return DemoPassword.resolve(environment.getProperty(DemoPassword.VARIABLE), properties.demoPasswordFile());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService demoAccounts(DemoPassword password, PasswordEncoder encoder) {
        // one hash for all accounts: they share the password, and hashing is the slow part of startup
        String hash = encoder.encode(password.value());
        return new InMemoryUserDetailsManager(DemoAccount.ALL.stream()
                .map(account -> (UserDetails) User.withUsername(account.name())
                        .password(hash)
                        .authorities(account.roles().stream()
                                .map(role -> "ROLE_" + role)
                                .toArray(String[]::new))
                        .build())
                .toList());
    }

    @Bean
    JWKSource<SecurityContext> signingKeys(IssuerProperties properties) throws IOException {
        return new ImmutableJWKSet<>(new JWKSet(SigningKey.loadOrCreate(properties.stateDirectory())));
    }

    /** Shared by the authorization server's token endpoint and the minting endpoint: one key, one JWK set. */
    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> signingKeys) {
        return new NimbusJwtEncoder(signingKeys);
    }

    /**
     * The claims the services read: {@code tenant} and {@code roles}, on access and ID tokens of demo
     * accounts; and the services' audiences on access tokens (beside the client's own), so the
     * portal's token is accepted by every service it relays it to. An ID token's audience stays the client.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> demoAccountClaims(IssuerProperties properties) {
        return context -> {
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean accessOrIdToken = accessToken
                    || OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (accessOrIdToken) {
                DemoAccount.named(context.getPrincipal().getName())
                        .ifPresent(account -> DemoClaims.add(account, context.getClaims()));
            }
            if (accessToken) {
                List<String> audiences = new ArrayList<>(properties.audiences());
                audiences.add(context.getRegisteredClient().getClientId());
                context.getClaims().audience(audiences);
            }
        };
    }
}
