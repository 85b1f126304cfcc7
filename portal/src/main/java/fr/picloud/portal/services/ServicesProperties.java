package fr.picloud.portal.services;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services' APIs are.
 *
 * @param catalog catalog-service's base URI
 * @param orders order-service's base URI
 * @param billing billing-service's base URI
 * @param provisioning provisioning-service's base URI (its operator API on sagas)
 * @param migration migration-service's base URI
 * @param ops ops-service's base URI
 * @param connectTimeout how long to wait for a connection to a service
 * @param readTimeout how long to wait for a service's answer
 */
@ConfigurationProperties("picloud.portal.services")
public record ServicesProperties(
        URI catalog,
        URI orders,
        URI billing,
        URI provisioning,
        URI migration,
        URI ops,
        Duration connectTimeout,
        Duration readTimeout) {}
