package fr.picloud.provisioning.cloud.adapter.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenStackCredentialsTest {

    @TempDir
    Path home;

    @TempDir
    Path workingDirectory;

    @Test
    void properties_win_over_the_environment() {
        OpenStackProperties properties =
                OpenStackProperties.password("http://keystone:5000/v3", "svc", "s3cret", "ops");

        OpenStackCredentials credentials = OpenStackCredentials.resolve(
                properties, Map.of("OS_CLOUD", "other", "OS_AUTH_URL", "http://elsewhere/v3"), home, workingDirectory);

        assertThat(credentials.authUrl()).isEqualTo("http://keystone:5000/v3");
        assertThat(credentials.username()).isEqualTo("svc");
        assertThat(credentials.projectName()).isEqualTo("ops");
        assertThat(credentials.userDomainName()).isEqualTo("Default");
    }

    @Test
    void os_cloud_names_an_entry_of_clouds_yaml_in_the_user_config() throws Exception {
        Path config = Files.createDirectories(home.resolve(".config/openstack"));
        Files.writeString(config.resolve("clouds.yaml"), """
                clouds:
                  picloud-emulator:
                    auth:
                      auth_url: http://127.0.0.1:5050/v3
                      username: admin
                      password: admin
                      project_name: admin
                      user_domain_name: Default
                      project_domain_name: Default
                    region_name: RegionOne
                  appcred:
                    auth_type: v3applicationcredential
                    auth:
                      auth_url: http://keystone/v3
                      application_credential_id: abc
                      application_credential_secret: very-secret
                """);

        OpenStackCredentials password = OpenStackCredentials.resolve(
                OpenStackProperties.defaults(), Map.of("OS_CLOUD", "picloud-emulator"), home, workingDirectory);
        OpenStackCredentials appCredential = OpenStackCredentials.resolve(
                OpenStackProperties.defaults(), Map.of("OS_CLOUD", "appcred"), home, workingDirectory);

        assertThat(password.authUrl()).isEqualTo("http://127.0.0.1:5050/v3");
        assertThat(password.region()).isEqualTo("RegionOne");
        assertThat(password.usesApplicationCredential()).isFalse();
        assertThat(appCredential.usesApplicationCredential()).isTrue();
        assertThat(appCredential.toString()).doesNotContain("very-secret");
        assertThat(password.toString()).doesNotContain("password=admin").contains("password set");
    }

    @Test
    void clouds_yaml_in_the_working_directory_comes_before_the_user_config() throws Exception {
        Files.writeString(workingDirectory.resolve("clouds.yaml"), """
                clouds:
                  c:
                    auth: {auth_url: "http://local/v3", username: u, password: p, project_name: x}
                """);

        OpenStackCredentials credentials = OpenStackCredentials.resolve(
                OpenStackProperties.defaults(), Map.of("OS_CLOUD", "c"), home, workingDirectory);

        assertThat(credentials.authUrl()).isEqualTo("http://local/v3");
        assertThat(credentials.source()).contains("clouds.yaml");
    }

    @Test
    void an_unknown_cloud_is_a_readable_error() throws Exception {
        Files.writeString(workingDirectory.resolve("clouds.yaml"), "clouds: {}\n");

        assertThatThrownBy(() -> OpenStackCredentials.resolve(
                        OpenStackProperties.defaults(), Map.of("OS_CLOUD", "nope"), home, workingDirectory))
                .hasMessageContaining("cloud 'nope' is not defined");
    }

    @Test
    void os_variables_then_the_local_emulator() {
        OpenStackCredentials fromEnv = OpenStackCredentials.resolve(
                OpenStackProperties.defaults(),
                Map.of("OS_AUTH_URL", "http://k/v3", "OS_USERNAME", "u", "OS_PASSWORD", "p", "OS_PROJECT_NAME", "x"),
                home,
                workingDirectory);
        OpenStackCredentials fallback =
                OpenStackCredentials.resolve(OpenStackProperties.defaults(), Map.of(), home, workingDirectory);

        assertThat(fromEnv.authUrl()).isEqualTo("http://k/v3");
        assertThat(fromEnv.password()).isEqualTo("p");
        assertThat(fallback.authUrl()).isEqualTo("http://127.0.0.1:5050/v3");
    }

    @Test
    void the_properties_never_show_the_password() {
        assertThat(OpenStackProperties.password("http://k/v3", "u", "hunter2", "p")
                        .toString())
                .doesNotContain("hunter2");
    }
}
