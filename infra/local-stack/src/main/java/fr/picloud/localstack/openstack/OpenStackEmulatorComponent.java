package fr.picloud.localstack.openstack;

import fr.picloud.localstack.LocalComponent;
import fr.picloud.localstack.Sockets;
import fr.picloud.openstack.emulator.EmulatorSettings;
import fr.picloud.openstack.emulator.OpenStackEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The OpenStack emulator, in the stack's JVM, when no real cloud is configured (neither
 * {@code OS_CLOUD} nor {@code OS_AUTH_URL} set). It writes a {@code clouds.yaml} naming it
 * {@code picloud-emulator}, so the official {@code openstack} CLI reaches it unchanged. With a state
 * directory (the standard stack's {@code .picloud/openstack}) the cloud outlives the stack: a stack
 * stopped or killed mid-saga comes back to the same projects, tokens and resources.
 */
public final class OpenStackEmulatorComponent implements LocalComponent {

    public static final String CLOUD_NAME = "picloud-emulator";

    private final EmulatorSettings settings;
    private final Path cloudsYaml;
    private OpenStackEmulator emulator;

    public OpenStackEmulatorComponent(EmulatorSettings settings, Path cloudsYaml) {
        this.settings = settings;
        this.cloudsYaml = cloudsYaml;
    }

    /** Whether {@code picloud up} should run the emulator: not when the environment names a real cloud. */
    public static boolean wanted(Map<String, String> environment) {
        return !environment.containsKey("OS_CLOUD") && !environment.containsKey("OS_AUTH_URL");
    }

    @Override
    public String name() {
        return "openstack-emulator";
    }

    @Override
    public Stage stage() {
        return Stage.INFRASTRUCTURE;
    }

    @Override
    public void start() {
        emulator = OpenStackEmulator.start(settings);
        try {
            Files.createDirectories(cloudsYaml.getParent());
            Files.writeString(cloudsYaml, """
                    # written by picloud up: the local OpenStack emulator (a development tool, not a cloud)
                    clouds:
                      %s:
                        auth:
                          auth_url: %s
                          username: admin
                          password: %s
                          project_name: admin
                          user_domain_name: Default
                          project_domain_name: Default
                        region_name: %s
                        identity_api_version: 3
                    """.formatted(
                            CLOUD_NAME, emulator.authUrl(), settings.adminPassword(), settings.region()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + cloudsYaml, e);
        }
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public boolean isUp() {
        return Sockets.isListening("127.0.0.1", settings.port());
    }

    @Override
    public List<Integer> ports() {
        return List.of(settings.port());
    }

    @Override
    public List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new java.util.ArrayList<>(List.of(
                new Endpoint("keystone", "http://127.0.0.1:" + settings.port() + "/v3"),
                new Endpoint("control", "http://127.0.0.1:" + settings.port() + "/_emulator/inventory"),
                new Endpoint(
                        "cli",
                        "OS_CLIENT_CONFIG_FILE=" + cloudsYaml + " openstack --os-cloud " + CLOUD_NAME
                                + " server list")));
        if (settings.stateDirectory() != null) {
            endpoints.add(new Endpoint("state", settings.stateDirectory().toString()));
        }
        return endpoints;
    }
}
