package fr.picloud.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;

/**
 * Where the local stack keeps its state: everything under {@code <repo>/.picloud}, so that deleting
 * that directory resets the stack. The repository root comes from {@code PICLOUD_HOME} (set by the
 * {@code picloud} script), else the working directory.
 */
public record StackHome(Path root) {

    public static StackHome fromEnvironment() {
        String home = System.getenv("PICLOUD_HOME");
        return new StackHome(Path.of(home == null || home.isBlank() ? "." : home)
                .toAbsolutePath()
                .normalize());
    }

    public Path state() {
        return root.resolve(".picloud");
    }

    public Path kafkaData() {
        return state().resolve("kafka");
    }

    public Path postgresData() {
        return state().resolve("postgres");
    }

    /** The OpenStack emulator's cloud: a snapshot and a journal, so a restarted stack finds the same cloud. */
    public Path openstackState() {
        return state().resolve("openstack");
    }

    public Path issuerState() {
        return state().resolve("issuer");
    }

    public Path demoPasswordFile() {
        return state().resolve("demo-password");
    }

    public Path logs() {
        return state().resolve("logs");
    }

    public Path log(String component) {
        return logs().resolve(component + ".log");
    }

    public Path pidFile() {
        return state().resolve("local-stack.pid");
    }

    /**
     * Deletes everything the stack keeps in {@code .picloud/} but the logs: PostgreSQL's and Kafka's
     * data, the emulator's cloud, the issuer's keys, the demo password, {@code clouds.yaml}. All of it
     * goes together: a cloud without the sagas that built it, or sagas without their cloud, is a stack
     * at odds with itself.
     */
    public void forgetState() throws IOException {
        if (!Files.isDirectory(state())) {
            return;
        }
        try (var children = Files.list(state())) {
            for (Path child : children.filter(path -> !path.equals(logs())).toList()) {
                try (var tree = Files.walk(child)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }
    }

    /** The executable jar a service module's build leaves in its target directory. */
    public Path serviceJar(String service) {
        return root.resolve(service).resolve("target").resolve(service + "-" + projectVersion() + ".jar");
    }

    /** A path as a developer at the repository root would type it. */
    public String display(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    private static String projectVersion() {
        try (InputStream in = StackHome.class.getResourceAsStream("/local-stack.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("project.version");
        } catch (IOException e) {
            throw new UncheckedIOException("local-stack.properties is missing from the jar", e);
        }
    }
}
