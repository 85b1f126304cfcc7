package fr.picloud.openstack.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A real OpenStack, found the way the openstack CLI finds it: OS_CLOUD naming an entry of clouds.yaml
 * (OS_CLIENT_CONFIG_FILE, ./clouds.yaml, ~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml),
 * or the OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME variables. The credentials must be an
 * administrator's: the suite creates and deletes its own projects and users.
 */
public final class RealCloudTarget implements CloudTarget {

    private final CloudCredentials credentials;
    private final String unavailableReason;

    private RealCloudTarget(CloudCredentials credentials, String unavailableReason) {
        this.credentials = credentials;
        this.unavailableReason = unavailableReason;
    }

    public static RealCloudTarget fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")), Path.of(""));
    }

    static RealCloudTarget fromEnvironment(Map<String, String> env, Path home, Path workingDirectory) {
        String cloud = env.get("OS_CLOUD");
        if (cloud != null && !cloud.isBlank()) {
            return fromCloudsYaml(cloud, env, home, workingDirectory);
        }
        String authUrl = env.get("OS_AUTH_URL");
        if (authUrl != null && !authUrl.isBlank()) {
            return new RealCloudTarget(
                    new CloudCredentials(
                            authUrl,
                            env.get("OS_USERNAME"),
                            env.get("OS_PASSWORD"),
                            env.get("OS_PROJECT_NAME"),
                            env.getOrDefault("OS_USER_DOMAIN_NAME", "Default"),
                            env.getOrDefault("OS_PROJECT_DOMAIN_NAME", "Default"),
                            env.get("OS_REGION_NAME")),
                    null);
        }
        return new RealCloudTarget(
                null,
                "no real OpenStack configured: set OS_CLOUD (with a clouds.yaml) or OS_AUTH_URL, OS_USERNAME, "
                        + "OS_PASSWORD and OS_PROJECT_NAME to run the conformance suite against one");
    }

    private static RealCloudTarget fromCloudsYaml(String cloud, Map<String, String> env, Path home, Path workingDir) {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(env.get("OS_CLIENT_CONFIG_FILE")).map(Path::of).ifPresent(candidates::add);
        candidates.add(workingDir.resolve("clouds.yaml"));
        candidates.add(home.resolve(".config/openstack/clouds.yaml"));
        candidates.add(Path.of("/etc/openstack/clouds.yaml"));
        Optional<Path> file = candidates.stream().filter(Files::isRegularFile).findFirst();
        if (file.isEmpty()) {
            return new RealCloudTarget(
                    null, "OS_CLOUD=" + cloud + " is set but no clouds.yaml was found in " + candidates);
        }
        JsonNode entry =
                new YAMLMapper().readTree(file.get().toFile()).path("clouds").path(cloud);
        if (entry.isMissingNode()) {
            return new RealCloudTarget(null, "cloud '" + cloud + "' is not defined in " + file.get());
        }
        JsonNode auth = entry.path("auth");
        return new RealCloudTarget(
                new CloudCredentials(
                        auth.path("auth_url").asString(),
                        auth.path("username").asString(),
                        Optional.ofNullable(env.get("OS_PASSWORD"))
                                .orElse(auth.path("password").asString()),
                        auth.path("project_name").asString(),
                        auth.path("user_domain_name").asString("Default"),
                        auth.path("project_domain_name").asString("Default"),
                        entry.path("region_name").isMissingNode()
                                ? null
                                : entry.path("region_name").asString()),
                null);
    }

    @Override
    public String name() {
        return "real";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    @Override
    public CloudCredentials adminCredentials() {
        if (credentials == null) {
            throw new IllegalStateException(unavailableReason);
        }
        return credentials;
    }

    /** Nova with the fake driver needs about 3 s per boot; leave room for a loaded CI machine. */
    @Override
    public Duration patience() {
        return Duration.ofMinutes(3);
    }

    @Override
    public void close() {
        // nothing to stop: the cloud lives on its own
    }

    @Override
    public String toString() {
        return name();
    }
}
