package fr.picloud.portal;

import fr.picloud.portal.services.ServicesProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The self-service portal: server-rendered pages over the services' APIs, called with the signed-in
 * user's own access token, so that every authorization decision stays in the services.
 */
@SpringBootApplication
@EnableConfigurationProperties(ServicesProperties.class)
public class PortalApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
