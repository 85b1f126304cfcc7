package fr.picloud.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code picloud-platform-defaults.yml} as the lowest-precedence property source: the settings
 * every service shares (dead-letter topics, outbox staleness, actuator exposure) are written once,
 * and any service's {@code application.yml} or environment overrides them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "picloud-platform-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader()
                    .load("picloud-platform-defaults", new ClassPathResource(RESOURCE))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
