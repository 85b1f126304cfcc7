package fr.picloud.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code picloud-platform-defaults.yml} as the lowest-precedence property source: the settings
 * every service shares (dead-letter topics, outbox staleness, actuator exposure) are written once,
 * and any service's {@code application.yml} or environment overrides them. Below it, metrics are
 * pushed over OTLP only where an endpoint is given, as traces are: Spring Boot would otherwise push
 * them to {@code localhost:4318} and log a refused connection every minute.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "picloud-platform-defaults.yml";
    static final String OTLP_METRICS_URL = "management.otlp.metrics.export.url";
    static final String OTLP_METRICS_ENABLED = "management.otlp.metrics.export.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader()
                    .load("picloud-platform-defaults", new ClassPathResource(RESOURCE))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        environment.getPropertySources().addLast(new OtlpMetricsFollowEndpoint(environment));
    }

    /**
     * Answers {@value #OTLP_METRICS_ENABLED} when it is asked, from whether a URL is set by then:
     * property sources added after this post-processor (a test's, say) count too.
     */
    static final class OtlpMetricsFollowEndpoint extends PropertySource<Object> {

        // not the source: Spring Boot reads a property source whose source is an environment as that
        // environment's own sources, this one among them, without end
        private final ConfigurableEnvironment environment;

        OtlpMetricsFollowEndpoint(ConfigurableEnvironment environment) {
            super("picloud-otlp-metrics-follow-endpoint");
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            return OTLP_METRICS_ENABLED.equals(name) ? environment.containsProperty(OTLP_METRICS_URL) : null;
        }
    }
}
