package fr.picloud.openstack.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How an emulator instance runs.
 *
 * @param host address to bind; loopback by default because the emulator has no real security
 * @param port TCP port; 0 picks a free one (tests)
 * @param publicUrl base URL written into the service catalogue; null means "the Host the client used"
 * @param region region name of every catalogue endpoint
 * @param serverBuildTime how long a new server stays in BUILD before it becomes ACTIVE
 * @param volumeCreateTime how long a new volume stays "creating" before it becomes "available"
 * @param adminPassword password of the seeded "admin" user (admin role on project "admin")
 * @param demoPassword password of the seeded "demo" user (member role on project "demo")
 * @param stateDirectory where the cloud's state is kept across restarts; null: in memory only
 */
public record EmulatorSettings(
        String host,
        int port,
        String publicUrl,
        String region,
        Duration serverBuildTime,
        Duration volumeCreateTime,
        String adminPassword,
        String demoPassword,
        Path stateDirectory) {

    /** 5050 rather than Keystone's 5000, so the emulator and a real OpenStack on loopback can run side by side. */
    public static final int DEFAULT_PORT = 5050;

    public static EmulatorSettings defaults() {
        return new EmulatorSettings(
                "127.0.0.1",
                DEFAULT_PORT,
                null,
                "RegionOne",
                Duration.ofSeconds(2),
                Duration.ofMillis(500),
                "admin",
                "demo",
                null);
    }

    /** Settings for tests: a free port, short transitions, so awaiting ACTIVE takes milliseconds. */
    public static EmulatorSettings forTests() {
        return defaults()
                .withPort(0)
                .withServerBuildTime(Duration.ofMillis(300))
                .withVolumeCreateTime(Duration.ofMillis(100));
    }

    /**
     * Reads the PICLOUD_EMULATOR_* variables (see docs/openstack-emulator.md) over the defaults;
     * a first program argument, when present, is the port.
     */
    public static EmulatorSettings fromEnvironment(Map<String, String> env, String[] args) {
        EmulatorSettings settings = defaults();
        String port = args.length > 0 ? args[0] : env.get("PICLOUD_EMULATOR_PORT");
        if (port != null) {
            settings = settings.withPort(Integer.parseInt(port));
        }
        settings = new EmulatorSettings(
                env.getOrDefault("PICLOUD_EMULATOR_HOST", settings.host()),
                settings.port(),
                env.get("PICLOUD_EMULATOR_PUBLIC_URL"),
                env.getOrDefault("PICLOUD_EMULATOR_REGION", settings.region()),
                millis(env, "PICLOUD_EMULATOR_SERVER_BUILD_MS").orElse(settings.serverBuildTime()),
                millis(env, "PICLOUD_EMULATOR_VOLUME_CREATE_MS").orElse(settings.volumeCreateTime()),
                env.getOrDefault("PICLOUD_EMULATOR_ADMIN_PASSWORD", settings.adminPassword()),
                env.getOrDefault("PICLOUD_EMULATOR_DEMO_PASSWORD", settings.demoPassword()),
                Optional.ofNullable(env.get("PICLOUD_EMULATOR_STATE_DIR"))
                        .filter(dir -> !dir.isBlank())
                        .map(Path::of)
                        .orElse(null));
        return settings;
    }

    public EmulatorSettings withPort(int newPort) {
        return new EmulatorSettings(
                host,
                newPort,
                publicUrl,
                region,
                serverBuildTime,
                volumeCreateTime,
                adminPassword,
                demoPassword,
                stateDirectory);
    }

    public EmulatorSettings withServerBuildTime(Duration time) {
        return new EmulatorSettings(
                host, port, publicUrl, region, time, volumeCreateTime, adminPassword, demoPassword, stateDirectory);
    }

    public EmulatorSettings withVolumeCreateTime(Duration time) {
        return new EmulatorSettings(
                host, port, publicUrl, region, serverBuildTime, time, adminPassword, demoPassword, stateDirectory);
    }

    /** Keeps the cloud's state in this directory, so that a restarted emulator finds it again. */
    public EmulatorSettings withStateDirectory(Path directory) {
        return new EmulatorSettings(
                host,
                port,
                publicUrl,
                region,
                serverBuildTime,
                volumeCreateTime,
                adminPassword,
                demoPassword,
                directory);
    }

    private static Optional<Duration> millis(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(Long::parseLong).map(Duration::ofMillis);
    }
}
