package fr.picloud.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExternalPostgresServerTest {

    @Test
    void credentials_in_the_url_leave_the_services_urls_and_other_parameters_stay() {
        DatabaseAccess access = ExternalPostgresServer.of(
                        "jdbc:postgresql://db.example:6432/admin?user=picloud&password=s%40cret&sslmode=require",
                        "ignored", "ignored", List.of("catalog"))
                .access();

        assertThat(access.url("catalog")).isEqualTo("jdbc:postgresql://db.example:6432/catalog?sslmode=require");
        assertThat(access.username()).isEqualTo("picloud");
        assertThat(access.password()).isEqualTo("s@cret");
        assertThat(access.toString()).doesNotContain("s@cret");
    }

    @Test
    void credentials_come_from_the_environment_when_the_url_has_none() {
        DatabaseAccess access = ExternalPostgresServer.of(
                        "jdbc:postgresql://localhost:5432/postgres", "dev", "pw", List.of("orders"))
                .access();

        assertThat(access.url("orders")).isEqualTo("jdbc:postgresql://localhost:5432/orders");
        assertThat(access.username()).isEqualTo("dev");
        assertThat(access.password()).isEqualTo("pw");
    }

    @Test
    void a_url_that_is_not_postgresql_is_refused_with_the_variable_named() {
        assertThatThrownBy(() -> ExternalPostgresServer.of("jdbc:mysql://localhost/x", null, null, List.of()))
                .hasMessageContaining("PICLOUD_POSTGRES_URL");
    }
}
