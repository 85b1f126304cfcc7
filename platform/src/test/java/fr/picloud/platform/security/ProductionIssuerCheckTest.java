package fr.picloud.platform.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionIssuerCheckTest {

    @Test
    void refuses_the_local_stacks_issuer_outside_the_local_profile() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://localhost:9000/");

        assertThatThrownBy(new ProductionIssuerCheck(environment)::check)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("development issuer http://localhost:9000/")
                .hasMessageContaining("'local' profile");
    }

    @Test
    void refuses_no_issuer_at_all() {
        MockEnvironment environment =
                new MockEnvironment().withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", " ");

        assertThatThrownBy(new ProductionIssuerCheck(environment)::check)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unset");
        assertThatThrownBy(new ProductionIssuerCheck(new MockEnvironment())::check)
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void accepts_the_deployments_own_issuer() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                        "https://sso.interieur.gouv.fr/realms/pi");

        assertThatCode(new ProductionIssuerCheck(environment)::check).doesNotThrowAnyException();
    }

    @Test
    void accepts_no_issuer_in_tests_that_verify_with_their_own_key() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "")
                .withProperty("picloud.security.test-keys", "true");

        assertThatCode(new ProductionIssuerCheck(environment)::check).doesNotThrowAnyException();
    }

    @Test
    void accepts_the_development_issuer_under_the_local_profile() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://localhost:9000");
        environment.setActiveProfiles("local");

        assertThatCode(new ProductionIssuerCheck(environment)::check).doesNotThrowAnyException();
    }
}
