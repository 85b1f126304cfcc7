package fr.picloud.platform.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Refuses to start a service that would trust the local stack's development issuer, or no issuer,
 * outside the {@code local} profile: the platform's default {@code http://localhost:9000} is the
 * issuer that mints a token for any demo account without a password. Tests, whose tokens are verified
 * with their own public key and no issuer, say so with {@value #TESTS_PROPERTY}. It runs before any
 * bean is created, so a refused service has not touched its database or Kafka.
 */
final class ProductionIssuerCheck implements BeanFactoryPostProcessor {

    static final String LOCAL_PROFILE = "local";
    static final String DEVELOPMENT_ISSUER = "http://localhost:9000";
    static final String ISSUER_PROPERTY = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String TESTS_PROPERTY = "picloud.security.test-keys";

    private final Environment environment;

    ProductionIssuerCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check();
    }

    void check() {
        if (environment.matchesProfiles(LOCAL_PROFILE)
                || environment.getProperty(TESTS_PROPERTY, Boolean.class, false)) {
            return;
        }
        String issuer = environment.getProperty(ISSUER_PROPERTY, "").strip();
        if (issuer.isEmpty() || issuer.replaceAll("/+$", "").equals(DEVELOPMENT_ISSUER)) {
            throw new IllegalStateException("The token issuer is "
                    + (issuer.isEmpty() ? "unset" : "the local stack's development issuer " + issuer)
                    + ": set " + ISSUER_PROPERTY + " (PICLOUD_ISSUER_URI) to the OIDC provider's issuer,"
                    + " or run with the '" + LOCAL_PROFILE + "' profile on the local stack.");
        }
    }
}
