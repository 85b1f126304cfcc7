package fr.picloud.localstack;

import fr.picloud.localstack.LocalComponent.Stage;
import fr.picloud.localstack.issuer.TokenIssuer;
import fr.picloud.localstack.kafka.KafkaBroker;
import fr.picloud.localstack.openstack.OpenStackEmulatorComponent;
import fr.picloud.localstack.postgres.PostgresServer;
import fr.picloud.localstack.service.PiCloudService;
import fr.picloud.localstack.service.ServiceProcess;
import fr.picloud.openstack.emulator.EmulatorSettings;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the components stage by stage, each stage's components in parallel, and stops them in the
 * reverse order: the services first, then the infrastructure from the last listed to the first
 * (token issuer, Kafka, PostgreSQL), so nothing loses a dependency while it shuts down.
 */
public final class LocalStack {

    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final int ISSUER_PORT = 9000;
    public static final int EMBEDDED_POSTGRES_PORT = 5433;
    /** Five Spring Boot services starting together on two cores take about a minute; a broken one never does. */
    public static final Duration SERVICE_STARTUP_TIMEOUT = Duration.ofMinutes(4);

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final List<LocalComponent> components;
    private final PrintStream out;
    private final Set<LocalComponent> attempted = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopped = new AtomicBoolean();

    public LocalStack(List<LocalComponent> components, PrintStream out) {
        this.components = List.copyOf(components);
        this.out = out;
    }

    /** What {@code picloud up} runs, in start order within each stage. */
    public static LocalStack standard(StackHome home, Map<String, String> environment, PrintStream out) {
        PostgresServer postgres =
                PostgresServer.fromEnvironment(environment, home, EMBEDDED_POSTGRES_PORT, PiCloudService.databases());
        KafkaBroker kafka = new KafkaBroker(home.kafkaData(), KAFKA_PORT, KAFKA_CONTROLLER_PORT);
        TokenIssuer issuer = new TokenIssuer(ISSUER_PORT, home, environment);
        List<LocalComponent> components = new ArrayList<>(List.of(postgres, kafka, issuer));
        if (OpenStackEmulatorComponent.wanted(environment)) {
            EmulatorSettings settings = EmulatorSettings.fromEnvironment(environment, new String[0]);
            if (settings.stateDirectory() == null) {
                settings = settings.withStateDirectory(home.openstackState());
            }
            components.add(new OpenStackEmulatorComponent(settings, home.state().resolve("clouds.yaml")));
        }
        for (PiCloudService service : PiCloudService.values()) {
            ServiceProcess process = new ServiceProcess(
                    service,
                    home,
                    postgres.access(),
                    kafka.bootstrapServers(),
                    issuer.issuerUri(),
                    SERVICE_STARTUP_TIMEOUT);
            process = process.withEnvironment(ServiceProcess.demoEnvironment(service));
            if (service == PiCloudService.PORTAL) {
                process = process.withEnvironment(
                        ServiceProcess.portalEnvironment(other -> URI.create("http://localhost:" + other.port())));
            }
            components.add(process);
        }
        return new LocalStack(components, out);
    }

    /** The issuer the standard stack runs, for clients such as {@code picloud token}. */
    public static URI standardIssuer() {
        return URI.create("http://localhost:" + ISSUER_PORT);
    }

    public List<LocalComponent> components() {
        return components;
    }

    /** Starts everything; on the first stage that fails, throws with every failure of that stage. */
    public void up() {
        List<String> taken = components.stream()
                .flatMap(component -> component.ports().stream()
                        .filter(port -> !Sockets.isFree(port))
                        .map(port -> "port " + port + " (" + component.name() + ")"))
                .toList();
        if (!taken.isEmpty()) {
            throw new StackFailure("already in use: " + String.join(", ", taken)
                    + ". Another local stack? See ./picloud status, stop it with ./picloud down.");
        }
        for (Stage stage : Stage.values()) {
            startTogether(componentsOf(stage));
        }
    }

    private void startTogether(List<LocalComponent> stage) {
        List<String> failures = new ArrayList<>();
        try (var executor = platformThreads("start")) {
            Map<LocalComponent, Future<?>> starts = new LinkedHashMap<>();
            for (LocalComponent component : stage) {
                attempted.add(component);
                starts.put(component, executor.submit(() -> {
                    long begin = System.nanoTime();
                    component.start();
                    out.printf("  %-22s UP in %4.1f s%n", component.name(), (System.nanoTime() - begin) / 1e9);
                    return null;
                }));
            }
            starts.forEach((component, start) -> {
                try {
                    start.get();
                } catch (ExecutionException e) {
                    log.error("{} failed to start", component.name(), e.getCause());
                    failures.add(component.name() + ": " + e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(component.name() + ": interrupted while starting");
                }
            });
        }
        if (!failures.isEmpty()) {
            throw new StackFailure(String.join(System.lineSeparator(), failures));
        }
    }

    /** Stops whatever was started, in reverse order; safe to call more than once and after a failed start. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        List<Stage> stages = new ArrayList<>(List.of(Stage.values()));
        Collections.reverse(stages);
        for (Stage stage : stages) {
            List<LocalComponent> started = componentsOf(stage).stream()
                    .filter(attempted::contains)
                    .toList()
                    .reversed();
            if (stage == Stage.SERVICES) {
                // the services do not depend on each other: they stop together, not one after the other
                try (var executor = platformThreads("stop")) {
                    started.forEach(component -> executor.submit(() -> stopQuietly(component)));
                }
            } else {
                started.forEach(this::stopQuietly);
            }
        }
    }

    /**
     * Platform threads, not virtual ones: starting Kafka and the issuer loads thousands of classes
     * from the nested jar under one lock, and virtual threads pinned there by class loading
     * deadlocked on a two-core machine (two carrier threads).
     */
    private static ExecutorService platformThreads(String purpose) {
        return Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("local-stack-" + purpose + "-", 1).factory());
    }

    private void stopQuietly(LocalComponent component) {
        try {
            component.stop();
            out.printf("  %-22s stopped%n", component.name());
        } catch (RuntimeException e) {
            log.warn("{} did not stop cleanly", component.name(), e);
        }
    }

    /** Prints how to reach every component. */
    public void describe(Consumer<String> line) {
        for (LocalComponent component : components) {
            for (LocalComponent.Endpoint endpoint : component.endpoints()) {
                line.accept(String.format("  %-22s %-14s %s", component.name(), endpoint.label(), endpoint.address()));
            }
        }
    }

    private List<LocalComponent> componentsOf(Stage stage) {
        return components.stream()
                .filter(component -> component.stage() == stage)
                .toList();
    }

    /** The stack could not start; the message says which component and where to look. */
    public static final class StackFailure extends RuntimeException {
        public StackFailure(String message) {
            super(message);
        }
    }
}
