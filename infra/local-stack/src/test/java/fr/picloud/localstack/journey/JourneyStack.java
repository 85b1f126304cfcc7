package fr.picloud.localstack.journey;

import fr.picloud.localstack.FreePorts;
import fr.picloud.localstack.LocalComponent;
import fr.picloud.localstack.LocalStack;
import fr.picloud.localstack.StackHome;
import fr.picloud.localstack.demo.DemoEndpoints;
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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform on free ports in a scratch home under {@code target/}: PostgreSQL, Kafka, the
 * token issuer, the OpenStack emulator and every service as its own JVM (its own Spring context),
 * built from the jars the reactor just packaged.
 */
final class JourneyStack implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalStack stack;
    private final Map<PiCloudService, ServiceProcess> services = new EnumMap<>(PiCloudService.class);
    private final URI issuer;
    private final int emulatorPort;
    private final StackHome home;

    private JourneyStack(Path root) throws IOException {
        home = new StackHome(root);
        Path repository = Path.of(System.getProperty("picloud.repository", "../.."))
                .toAbsolutePath()
                .normalize();
        List<String> databases = new ArrayList<>();
        for (PiCloudService service : PiCloudService.values()) {
            if (service.database() != null) {
                databases.add(service.database());
            }
            Path built = new StackHome(repository).serviceJar(service.module());
            if (!Files.isRegularFile(built)) {
                throw new IllegalStateException("no jar at " + built + ": package the services first (./mvnw verify "
                        + "does, or ./mvnw -o -DskipTests package)");
            }
            Path copy = home.serviceJar(service.module());
            Files.createDirectories(copy.getParent());
            Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        EmbeddedPostgresServer postgres =
                new EmbeddedPostgresServer(home.postgresData(), FreePorts.next(), home.log("postgres"), databases);
        KafkaBroker kafka = new KafkaBroker(home.kafkaData(), FreePorts.next(), FreePorts.next());
        TokenIssuer tokens = new TokenIssuer(FreePorts.next(), home, Map.of());
        issuer = tokens.issuerUri();
        emulatorPort = FreePorts.next();
        OpenStackEmulatorComponent openstack = new OpenStackEmulatorComponent(
                EmulatorSettings.defaults()
                        .withPort(emulatorPort)
                        .withServerBuildTime(Duration.ofMillis(1500))
                        .withVolumeCreateTime(Duration.ofMillis(300)),
                home.state().resolve("clouds.yaml"));
        List<LocalComponent> components = new ArrayList<>(List.of(postgres, kafka, tokens, openstack));
        for (PiCloudService service : PiCloudService.values()) {
            ServiceProcess process = new ServiceProcess(
                            service,
                            home,
                            postgres.access(),
                            kafka.bootstrapServers(),
                            issuer,
                            LocalStack.SERVICE_STARTUP_TIMEOUT)
                    .onPort(FreePorts.next())
                    .withJvmOptions(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"))
                    .withEnvironment(ServiceProcess.demoEnvironment(service));
            if (service == PiCloudService.PORTAL) {
                process = process.withEnvironment(ServiceProcess.portalEnvironment(
                        other -> services.get(other).baseUri()));
            }
            if (service == PiCloudService.PROVISIONING) {
                process = process.withEnvironment(Map.of(
                        "SPRING_APPLICATION_JSON",
                        JSON.writeValueAsString(Map.of(
                                "picloud.openstack.auth-url", "http://127.0.0.1:" + emulatorPort + "/v3",
                                "picloud.openstack.username", "admin",
                                "picloud.openstack.password", "admin",
                                "picloud.openstack.project-name", "admin"))));
            }
            services.put(service, process);
            components.add(process);
        }
        stack = new LocalStack(components, new PrintStream(System.out, true));
    }

    private static JourneyStack shared;

    /**
     * One stack for every journey of the test JVM (starting one takes minutes on two cores), started
     * afresh in {@code target/journey} on first use and stopped when the JVM exits.
     */
    static synchronized JourneyStack shared() {
        if (shared == null) {
            shared = start(Path.of("target", "journey").toAbsolutePath());
        }
        return shared;
    }

    /** Starts afresh in {@code root} (what a previous run left there is deleted). */
    static JourneyStack start(Path root) {
        try {
            if (Files.exists(root)) {
                try (var paths = Files.walk(root)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(root);
            JourneyStack journey = new JourneyStack(root);
            Runtime.getRuntime().addShutdownHook(new Thread(journey::close, "journey-stack-stop"));
            try {
                journey.stack.up();
            } catch (RuntimeException e) {
                journey.close();
                throw e;
            }
            return journey;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo accounts' password, which the issuer generated at its first start. */
    String demoPassword() {
        try {
            return Files.readString(home.demoPasswordFile()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a browser opens the portal. */
    /** The local token issuer, where the portal's users sign in. */
    URI issuer() {
        return issuer;
    }

    URI portal() {
        return services.get(PiCloudService.PORTAL).portalUri();
    }

    DemoEndpoints endpoints() {
        return new DemoEndpoints(
                issuer,
                services.get(PiCloudService.CATALOG).baseUri(),
                services.get(PiCloudService.ORDER).baseUri(),
                services.get(PiCloudService.PROVISIONING).baseUri(),
                services.get(PiCloudService.BILLING).baseUri(),
                services.get(PiCloudService.MIGRATION).baseUri(),
                URI.create("http://127.0.0.1:" + emulatorPort));
    }

    @Override
    public void close() {
        stack.stop();
    }
}
