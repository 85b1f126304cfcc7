package fr.picloud.provisioning.cloud.adapter.openstack;

import static fr.picloud.provisioning.cloud.adapter.openstack.OpenStackProperties.blankToNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * How the platform service account logs in, found the way the openstack CLI finds it. Either a
 * password (username, user domain, project) or an application credential (id and secret).
 * {@link #toString()} never shows the password nor the secret.
 *
 * @param source where these settings came from, for the start-up log
 */
public record OpenStackCredentials(
        String authUrl,
        String username,
        String password,
        String userDomainName,
        String projectName,
        String projectId,
        String projectDomainName,
        String region,
        String applicationCredentialId,
        String applicationCredentialSecret,
        String source) {

    /** What the local stack runs when nothing else is configured (docs/openstack-emulator.md). */
    public static final String LOCAL_EMULATOR_AUTH_URL = "http://127.0.0.1:5050/v3";

    public boolean usesApplicationCredential() {
        return applicationCredentialId != null;
    }

    /** Resolves from the process environment, the user's home and the working directory. */
    public static OpenStackCredentials resolve(OpenStackProperties properties) {
        return resolve(properties, System.getenv(), Path.of(System.getProperty("user.home")), Path.of(""));
    }

    /**
     * {@code picloud.openstack.auth-url} (with the other login properties) wins; else {@code OS_CLOUD}
     * (or {@code picloud.openstack.cloud}) names an entry of clouds.yaml, searched in
     * OS_CLIENT_CONFIG_FILE, ./clouds.yaml, ~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml;
     * else the OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME... variables; else the local
     * emulator with admin/admin in project admin.
     */
    public static OpenStackCredentials resolve(
            OpenStackProperties properties, Map<String, String> env, Path home, Path workingDirectory) {
        if (blankToNull(properties.authUrl()) != null) {
            return new OpenStackCredentials(
                    properties.authUrl(),
                    blankToNull(properties.username()),
                    blankToNull(properties.password()),
                    orDefault(properties.userDomainName()),
                    blankToNull(properties.projectName()),
                    blankToNull(properties.projectId()),
                    orDefault(properties.projectDomainName()),
                    blankToNull(properties.region()),
                    blankToNull(properties.applicationCredentialId()),
                    blankToNull(properties.applicationCredentialSecret()),
                    "picloud.openstack properties");
        }
        String cloud = Optional.ofNullable(blankToNull(properties.cloud())).orElse(blankToNull(env.get("OS_CLOUD")));
        if (cloud != null) {
            return fromCloudsYaml(cloud, env, home, workingDirectory);
        }
        if (blankToNull(env.get("OS_AUTH_URL")) != null) {
            return new OpenStackCredentials(
                    env.get("OS_AUTH_URL"),
                    blankToNull(env.get("OS_USERNAME")),
                    blankToNull(env.get("OS_PASSWORD")),
                    orDefault(env.get("OS_USER_DOMAIN_NAME")),
                    blankToNull(env.get("OS_PROJECT_NAME")),
                    blankToNull(env.get("OS_PROJECT_ID")),
                    orDefault(env.get("OS_PROJECT_DOMAIN_NAME")),
                    blankToNull(env.get("OS_REGION_NAME")),
                    blankToNull(env.get("OS_APPLICATION_CREDENTIAL_ID")),
                    blankToNull(env.get("OS_APPLICATION_CREDENTIAL_SECRET")),
                    "OS_* environment variables");
        }
        return new OpenStackCredentials(
                LOCAL_EMULATOR_AUTH_URL,
                "admin",
                "admin",
                "Default",
                "admin",
                null,
                "Default",
                null,
                null,
                null,
                "local emulator default (no picloud.openstack.auth-url, OS_CLOUD nor OS_AUTH_URL set)");
    }

    private static OpenStackCredentials fromCloudsYaml(
            String cloud, Map<String, String> env, Path home, Path workingDirectory) {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(blankToNull(env.get("OS_CLIENT_CONFIG_FILE")))
                .map(Path::of)
                .ifPresent(candidates::add);
        candidates.add(workingDirectory.resolve("clouds.yaml"));
        candidates.add(home.resolve(".config/openstack/clouds.yaml"));
        candidates.add(Path.of("/etc/openstack/clouds.yaml"));
        Path file = candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "OS_CLOUD=" + cloud + " is set but no clouds.yaml was found in " + candidates));
        JsonNode entry = new YAMLMapper().readTree(file.toFile()).path("clouds").path(cloud);
        if (entry.isMissingNode()) {
            throw new IllegalStateException("cloud '" + cloud + "' is not defined in " + file);
        }
        JsonNode auth = entry.path("auth");
        String authUrl = text(auth, "auth_url");
        if (authUrl == null) {
            throw new IllegalStateException("cloud '" + cloud + "' in " + file + " has no auth.auth_url");
        }
        return new OpenStackCredentials(
                authUrl,
                text(auth, "username"),
                Optional.ofNullable(blankToNull(env.get("OS_PASSWORD"))).orElse(text(auth, "password")),
                orDefault(text(auth, "user_domain_name")),
                text(auth, "project_name"),
                text(auth, "project_id"),
                orDefault(text(auth, "project_domain_name")),
                text(entry, "region_name"),
                text(auth, "application_credential_id"),
                text(auth, "application_credential_secret"),
                "clouds.yaml " + file + ", cloud " + cloud);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : blankToNull(value.asString());
    }

    private static String orDefault(String domain) {
        return blankToNull(domain) == null ? "Default" : domain;
    }

    @Override
    public String toString() {
        return "OpenStackCredentials["
                + (usesApplicationCredential()
                        ? "application credential " + applicationCredentialId
                        : username + " (password " + (password == null ? "missing" : "set") + "), project "
                                + (projectName != null ? projectName : projectId))
                + " at " + authUrl + ", region " + region + ", from " + source + "]";
    }
}
