package fr.picloud.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformDefaultsTest {

    private static final String ENABLED = "management.otlp.metrics.export.enabled";

    @Test
    void metrics_are_not_pushed_over_otlp_without_an_endpoint() {
        StandardEnvironment environment = new StandardEnvironment();

        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(ENABLED, Boolean.class)).isFalse();
    }

    @Test
    void metrics_are_pushed_over_otlp_once_an_endpoint_is_given_even_by_a_later_property_source() {
        StandardEnvironment environment = new StandardEnvironment();
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "given", Map.of("management.otlp.metrics.export.url", "http://collector:4318/v1/metrics")));

        assertThat(environment.getProperty(ENABLED, Boolean.class)).isTrue();
    }

    @Test
    void an_explicit_choice_wins() {
        StandardEnvironment environment = new StandardEnvironment();
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        environment.getPropertySources().addFirst(new MapPropertySource("given", Map.of(ENABLED, "true")));

        assertThat(environment.getProperty(ENABLED, Boolean.class)).isTrue();
    }

    @Test
    void a_service_accepts_tokens_for_its_own_name_unless_told_otherwise() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("service", Map.of("spring.application.name", "billing-service")));

        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.security.oauth2.resourceserver.jwt.audiences"))
                .isEqualTo("billing-service");
    }
}
