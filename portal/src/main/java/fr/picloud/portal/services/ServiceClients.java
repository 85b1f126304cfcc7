package fr.picloud.portal.services;

import java.net.URI;
import java.net.http.HttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The services' APIs, each called with the signed-in user's own access token (token relay): the
 * portal decides nothing a service would not let the user do with curl.
 */
@Configuration(proxyBeanMethods = false)
class ServiceClients {

    static final String REGISTRATION = "picloud";

    @Bean
    CatalogClient catalogClient(ServicesProperties services, OAuth2AuthorizedClientManager clients) {
        return new CatalogClient(client(services.catalog(), services, clients));
    }

    @Bean
    OrderClient orderClient(ServicesProperties services, OAuth2AuthorizedClientManager clients) {
        return new OrderClient(client(services.orders(), services, clients));
    }

    @Bean
    BillingClient billingClient(ServicesProperties services, OAuth2AuthorizedClientManager clients) {
        return new BillingClient(client(services.billing(), services, clients));
    }

    @Bean
    OpsClient opsClient(ServicesProperties services, OAuth2AuthorizedClientManager clients) {
        return new OpsClient(
                client(services.ops(), services, clients), client(services.provisioning(), services, clients));
    }

    @Bean
    MigrationClient migrationClient(ServicesProperties services, OAuth2AuthorizedClientManager clients) {
        return new MigrationClient(client(services.migration(), services, clients));
    }

    private static RestClient client(URI base, ServicesProperties services, OAuth2AuthorizedClientManager clients) {
        OAuth2ClientHttpRequestInterceptor relay = new OAuth2ClientHttpRequestInterceptor(clients);
        relay.setClientRegistrationIdResolver(request -> REGISTRATION);
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(services.connectTimeout())
                .build());
        requests.setReadTimeout(services.readTimeout());
        return RestClient.builder()
                .baseUrl(base.toString())
                .requestFactory(requests)
                .requestInterceptor(relay)
                .build();
    }
}
