package fr.picloud.localstack.service;

import fr.picloud.localstack.LocalComponent;
import fr.picloud.localstack.StackHome;
import fr.picloud.localstack.postgres.DatabaseAccess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PI Cloud service as a child JVM ({@code java -jar <module>/target/<module>-<version>.jar}),
 * configured through the environment with the standard Spring properties, logging to
 * {@code .picloud/logs/<module>.log}, and up once its {@code /actuator/health} says UP.
 */
public final class ServiceProcess implements LocalComponent {

    /**
     * Startup first: five services and Kafka share two cores. C1 only and the serial collector cut
     * startup time by about a third; a modest heap keeps five JVMs beside each other.
     */
    static final List<String> JVM_OPTIONS = List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xss512k",
            "-Xms64m",
            "-Xmx384m",
            "-XX:+ExitOnOutOfMemoryError");

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PiCloudService service;
    private final int port;
    private final Map<String, String> extraEnvironment;
    private final List<String> extraJvmOptions;
    private final StackHome home;
    private final DatabaseAccess database;
    private final String kafkaBootstrapServers;
    private final URI issuer;
    private final Duration startupTimeout;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    private volatile Process process;
    private volatile boolean stopping;
    private volatile int starts;

    public ServiceProcess(
            PiCloudService service,
            StackHome home,
            DatabaseAccess database,
            String kafkaBootstrapServers,
            URI issuer,
            Duration startupTimeout) {
        this(
                service,
                service.port(),
                Map.of(),
                List.of(),
                home,
                database,
                kafkaBootstrapServers,
                issuer,
                startupTimeout);
    }

    private ServiceProcess(
            PiCloudService service,
            int port,
            Map<String, String> extraEnvironment,
            List<String> extraJvmOptions,
            StackHome home,
            DatabaseAccess database,
            String kafkaBootstrapServers,
            URI issuer,
            Duration startupTimeout) {
        this.service = service;
        this.port = port;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
        this.home = home;
        this.database = database;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.issuer = issuer;
        this.startupTimeout = startupTimeout;
    }

    /** The same service on another port (tests run beside a developer's stack, on free ports). */
    public ServiceProcess onPort(int newPort) {
        return new ServiceProcess(
                service,
                newPort,
                extraEnvironment,
                extraJvmOptions,
                home,
                database,
                kafkaBootstrapServers,
                issuer,
                startupTimeout);
    }

    /** The same service with more environment variables, which win over the standard ones. */
    /**
     * The local stack's demo settings of a service, never production's: order-service accepts an end
     * date 20 s ahead (a day elsewhere) and looks for due ones every 5 s, so that {@code picloud demo}
     * shows an order decommissioned by the platform at its date (docs/local-stack.md).
     */
    public static Map<String, String> demoEnvironment(PiCloudService service) {
        if (service == PiCloudService.ORDER) {
            return Map.of("PICLOUD_ORDERS_ENDDATES_MINIMUMNOTICE", "PT20S", "PICLOUD_ORDERS_ENDDATES_INTERVAL", "PT5S");
        }
        return Map.of();
    }

    public ServiceProcess withEnvironment(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(extraEnvironment);
        merged.putAll(more);
        return new ServiceProcess(
                service, port, merged, extraJvmOptions, home, database, kafkaBootstrapServers, issuer, startupTimeout);
    }

    /** The same service with more JVM options after the standard ones (so {@code -Xmx512m} wins over theirs). */
    public ServiceProcess withJvmOptions(List<String> more) {
        List<String> options = new ArrayList<>(extraJvmOptions);
        options.addAll(more);
        return new ServiceProcess(
                service,
                port,
                extraEnvironment,
                options,
                home,
                database,
                kafkaBootstrapServers,
                issuer,
                startupTimeout);
    }

    @Override
    public String name() {
        return service.module();
    }

    @Override
    public Stage stage() {
        return Stage.SERVICES;
    }

    @Override
    public void start() throws Exception {
        Path jar = home.serviceJar(service.module());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + home.display(jar)
                    + ": build it with ./mvnw -DskipTests install (./picloud up does)");
        }
        Path logFile = home.log(service.module());
        Files.createDirectories(logFile.getParent());
        // a restart appends to the log of the run it follows
        ProcessBuilder builder = new ProcessBuilder(command(jar.toAbsolutePath()))
                .directory(home.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        starts == 0
                                ? ProcessBuilder.Redirect.to(logFile.toFile())
                                : ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment());
        stopping = false;
        starts++;
        Process started = builder.start();
        process = started;
        started.onExit().thenAccept(exited -> {
            if (!stopping && process == exited) {
                log.warn("{} exited with code {}; see {}", name(), exited.exitValue(), home.display(logFile));
            }
        });
        awaitUp(started, logFile);
    }

    private List<String> command(Path jar) {
        List<String> command = new ArrayList<>();
        // a session of its own: Ctrl-C in the terminal reaches the stack only, which stops the
        // services before the infrastructure they depend on
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.addAll(extraJvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(standardEnvironment());
        environment.putAll(extraEnvironment);
        return environment;
    }

    private Map<String, String> standardEnvironment() {
        if (service == PiCloudService.PORTAL) {
            return Map.of("SERVER_PORT", String.valueOf(port), "PICLOUD_PORTAL_ISSUER_URI", issuer.toString());
        }
        return Map.of(
                "SERVER_PORT", String.valueOf(port),
                "SPRING_DATASOURCE_URL", database.url(service.database()),
                "SPRING_DATASOURCE_USERNAME", database.username(),
                "SPRING_DATASOURCE_PASSWORD", database.password(),
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers,
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer.toString(),
                // the profile under which a service trusts the local issuer; outside it, a service refuses to start
                "SPRING_PROFILES_ACTIVE", "local");
    }

    /**
     * The portal's settings: where the APIs it calls are. Given apart from the standard environment
     * because tests run the services on free ports.
     */
    public static Map<String, String> portalEnvironment(Function<PiCloudService, URI> baseUri) {
        return Map.of(
                "PICLOUD_PORTAL_SERVICES_CATALOG",
                        baseUri.apply(PiCloudService.CATALOG).toString(),
                "PICLOUD_PORTAL_SERVICES_ORDERS",
                        baseUri.apply(PiCloudService.ORDER).toString(),
                "PICLOUD_PORTAL_SERVICES_BILLING",
                        baseUri.apply(PiCloudService.BILLING).toString(),
                "PICLOUD_PORTAL_SERVICES_PROVISIONING",
                        baseUri.apply(PiCloudService.PROVISIONING).toString(),
                "PICLOUD_PORTAL_SERVICES_MIGRATION",
                        baseUri.apply(PiCloudService.MIGRATION).toString(),
                "PICLOUD_PORTAL_SERVICES_OPS", baseUri.apply(PiCloudService.OPS).toString());
    }

    private void awaitUp(Process started, Path logFile) throws InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(startupTimeout);
        while (!isUp()) {
            // waits for the next poll, and learns at once if the service died meanwhile
            if (started.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "exited with code " + started.exitValue() + " before it was UP; see " + home.display(logFile));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException(
                        "not UP after " + startupTimeout.toSeconds() + " s; see " + home.display(logFile));
            }
        }
    }

    @Override
    public void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        stopping = true;
        running.destroy();
        try {
            if (!running.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} did not stop within {} s; killing it", name(), STOP_GRACE.toSeconds());
                running.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Kills the service at once, as a crash or {@code kill -9} would (SIGKILL on Linux: no shutdown
     * hook, no graceful close of connections), and waits until it is gone. {@link #start} starts it again.
     */
    public void kill() throws InterruptedException {
        Process running = process;
        if (running == null) {
            return;
        }
        stopping = true;
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
        running.waitFor();
        process = null;
    }

    /** The process id of the running service, if it runs. */
    public OptionalLong pid() {
        Process running = process;
        return running == null || !running.isAlive() ? OptionalLong.empty() : OptionalLong.of(running.pid());
    }

    @Override
    public boolean isUp() {
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && "UP".equals(JSON.readTree(response.body()).path("status").asString());
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
    }

    @Override
    public List<Endpoint> endpoints() {
        if (service == PiCloudService.PORTAL) {
            // the issuer sends the browser back to 127.0.0.1 (it refuses localhost in redirect URIs), and the
            // session cookie must be the one of that host
            return List.of(
                    new Endpoint("portal", portalUri().toString()),
                    new Endpoint("log", home.display(home.log(service.module()))));
        }
        return List.of(
                new Endpoint("api", baseUri().toString()),
                new Endpoint("swagger-ui", baseUri().resolve("/swagger-ui.html").toString()),
                new Endpoint("log", home.display(home.log(service.module()))));
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    /** Where a browser opens the portal. */
    public URI portalUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }
}
