package fr.picloud.portal.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * A test of the portal's pages through MockMvc, the services replaced by stand-ins ({@code @MockitoBean}
 * clients) and the login provider by one that is never called (the test logs in with {@code oidcLogin()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "spring.security.oauth2.client.registration.picloud.provider=stand-in",
            "spring.security.oauth2.client.provider.stand-in.authorization-uri=http://127.0.0.1:9/authorize",
            "spring.security.oauth2.client.provider.stand-in.token-uri=http://127.0.0.1:9/token"
        })
@AutoConfigureMockMvc
public @interface PortalPageTest {}
