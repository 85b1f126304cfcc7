package fr.picloud.localstack.provisioning;

import fr.picloud.localstack.FreePorts;
import fr.picloud.localstack.LocalComponent;
import fr.picloud.localstack.LocalStack;
import fr.picloud.localstack.StackHome;
import fr.picloud.localstack.issuer.IssuerClient;
import fr.picloud.localstack.issuer.TokenIssuer;
import fr.picloud.localstack.kafka.KafkaBroker;
import fr.picloud.localstack.openstack.OpenStackEmulatorComponent;
import fr.picloud.localstack.postgres.EmbeddedPostgresServer;
import fr.picloud.localstack.service.PiCloudService;
import fr.picloud.localstack.service.ServiceProcess;
import fr.picloud.openstack.emulator.EmulatorSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack's own components (PostgreSQL, Kafka, the token issuer, the OpenStack emulator)
 * on free ports in a scratch home under {@code target/}, with provisioning-service (and, when asked,
 * order-service) as child JVMs that a drill can kill and restart. The service jars are copied into
 * the scratch home first, so a build running beside the drill cannot swap a jar under a restart.
 */
final class DrillStack implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final StackHome home;
    final EmbeddedPostgresServer postgres;
    final KafkaBroker kafka;
    final TokenIssuer issuer;
    final EmulatorControl emulator;
    final ServiceProcess provisioning;
    final ServiceProcess orders;
    private final LocalStack stack;

    private DrillStack(Builder builder) {
        this.home = new StackHome(builder.root);
        List<String> databases = List.of(PiCloudService.PROVISIONING.database(), PiCloudService.ORDER.database());
        postgres = new EmbeddedPostgresServer(home.postgresData(), FreePorts.next(), home.log("postgres"), databases);
        kafka = new KafkaBroker(home.kafkaData(), FreePorts.next(), FreePorts.next());
        issuer = new TokenIssuer(FreePorts.next(), home, Map.of());
        int emulatorPort = FreePorts.next();
        OpenStackEmulatorComponent openstack = new OpenStackEmulatorComponent(
                EmulatorSettings.defaults()
                        .withPort(emulatorPort)
                        .withServerBuildTime(builder.serverBuildTime)
                        .withVolumeCreateTime(Duration.ofMillis(300))
                        .withStateDirectory(home.openstackState()),
                home.state().resolve("clouds.yaml"));
        emulator = new EmulatorControl(emulatorPort);

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("picloud.openstack.auth-url", emulator.authUrl());
        properties.put("picloud.openstack.username", "admin");
        properties.put("picloud.openstack.password", "admin");
        properties.put("picloud.openstack.project-name", "admin");
        properties.putAll(builder.provisioningProperties);
        provisioning = new ServiceProcess(
                        PiCloudService.PROVISIONING,
                        home,
                        postgres.access(),
                        kafka.bootstrapServers(),
                        issuer.issuerUri(),
                        LocalStack.SERVICE_STARTUP_TIMEOUT)
                .onPort(FreePorts.next())
                .withEnvironment(Map.of("SPRING_APPLICATION_JSON", JSON.writeValueAsString(properties)))
                .withJvmOptions(builder.provisioningJvmOptions);
        orders = builder.withOrders
                ? new ServiceProcess(
                                PiCloudService.ORDER,
                                home,
                                postgres.access(),
                                kafka.bootstrapServers(),
                                issuer.issuerUri(),
                                LocalStack.SERVICE_STARTUP_TIMEOUT)
                        .onPort(FreePorts.next())
                : null;
        List<LocalComponent> components = new ArrayList<>(List.of(postgres, kafka, issuer, openstack, provisioning));
        if (orders != null) {
            components.add(orders);
        }
        stack = new LocalStack(components, new PrintStream(System.out, true));
    }

    static Builder in(Path root) {
        return new Builder(root);
    }

    static final class Builder {
        private final Path root;
        private Duration serverBuildTime = Duration.ofSeconds(2);
        private boolean withOrders;
        private boolean keepState;
        private final Map<String, Object> provisioningProperties = new LinkedHashMap<>();
        private final List<String> provisioningJvmOptions = new ArrayList<>();

        private Builder(Path root) {
            this.root = root;
        }

        Builder serverBuildTime(Duration time) {
            serverBuildTime = time;
            return this;
        }

        Builder withOrderService() {
            withOrders = true;
            return this;
        }

        /** Starts on what the previous stack in this home left (databases, topics, cloud), as {@code picloud up} does. */
        Builder keepingState() {
            keepState = true;
            return this;
        }

        Builder provisioningProperty(String name, Object value) {
            provisioningProperties.put(name, value);
            return this;
        }

        Builder provisioningJvmOptions(List<String> options) {
            provisioningJvmOptions.addAll(options);
            return this;
        }

        /**
         * Starts afresh in the scratch home (what a previous run left is deleted, unless {@link
         * #keepingState}), with copies of the jars.
         */
        DrillStack start() {
            try {
                if (Files.exists(root) && !keepState) {
                    try (var paths = Files.walk(root)) {
                        for (Path path : paths.sorted(java.util.Comparator.reverseOrder())
                                .toList()) {
                            Files.delete(path);
                        }
                    }
                }
                Files.createDirectories(root);
                DrillStack drill = new DrillStack(this);
                drill.copyJar(PiCloudService.PROVISIONING);
                if (withOrders) {
                    drill.copyJar(PiCloudService.ORDER);
                }
                // a run cut short (failsafe's timeout, Ctrl-C) must not leave the child JVMs and PostgreSQL behind
                Runtime.getRuntime().addShutdownHook(new Thread(drill::close, "drill-stack-stop"));
                try {
                    drill.stack.up();
                } catch (RuntimeException e) {
                    drill.close();
                    throw e;
                }
                return drill;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The repository the drill runs in: {@code -Dpicloud.repository}, else two levels above the module. */
    static Path repository() {
        return Path.of(System.getProperty("picloud.repository", "../.."))
                .toAbsolutePath()
                .normalize();
    }

    private void copyJar(PiCloudService service) throws IOException {
        Path built = new StackHome(repository()).serviceJar(service.module());
        if (!Files.isRegularFile(built)) {
            throw new IllegalStateException("no jar at " + built
                    + ": build it first (./mvnw -o -DskipTests package -pl " + service.module() + ")");
        }
        Path copy = home.serviceJar(service.module());
        Files.createDirectories(copy.getParent());
        Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
    }

    String token(String account) {
        try {
            return new IssuerClient(issuer.issuerUri()).mint(account);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Connection connect(String database) throws SQLException {
        var access = postgres.access();
        return DriverManager.getConnection(access.url(database), access.username(), access.password());
    }

    @Override
    public void close() {
        stack.stop();
    }
}
