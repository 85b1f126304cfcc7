package fr.picloud.platform.test;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the JVM's real Kafka broker and at a fresh PostgreSQL database of
 * its own, and makes the services trust {@link TestTokens}. Used through {@link PiCloudIntegrationTest}.
 */
public class PiCloudTestInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String service = context.getEnvironment().getProperty("spring.application.name", "service");
        TestPostgres.Database database = TestPostgres.get().createDatabase(service.replace("-service", "") + "_test");
        String kafka = TestKafka.get().bootstrapServers();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "picloud-test-infrastructure",
                        Map.ofEntries(
                                Map.entry("spring.datasource.url", database.url()),
                                Map.entry("spring.datasource.username", database.username()),
                                Map.entry("spring.datasource.password", database.password()),
                                Map.entry("spring.kafka.bootstrap-servers", kafka),
                                Map.entry("spring.cloud.stream.kafka.binder.brokers", kafka),
                                Map.entry("spring.security.oauth2.resourceserver.jwt.issuer-uri", ""),
                                Map.entry(
                                        "spring.security.oauth2.resourceserver.jwt.public-key-location",
                                        "file:" + TestTokens.publicKeyFile()),
                                // no issuer, the tests' key: what a service refuses to start with outside tests
                                Map.entry("picloud.security.test-keys", "true"),
                                Map.entry("picloud.outbox.resubmit-interval", "PT1S"),
                                Map.entry("picloud.outbox.resubmit-min-age", "PT0S"))));
    }
}
