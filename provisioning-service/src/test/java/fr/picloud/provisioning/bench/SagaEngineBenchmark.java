package fr.picloud.provisioning.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.order.ProvisioningRequested;
import fr.picloud.openstack.emulator.EmulatorSettings;
import fr.picloud.openstack.emulator.OpenStackEmulator;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.provisioning.saga.SagaWorld;
import fr.picloud.provisioning.saga.application.SagaRepository;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaKind;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The saga engine's own cost (docs/provisioning-benchmark.md): the reference VM stack against an
 * emulator with no build time, first one saga at a time, then many at once; each saga's time set
 * against the time its OpenStack calls took (the adapter's {@code picloud.openstack.calls} timer),
 * measured in the same run. {@code ./mvnw -pl provisioning-service verify -Pbenchmark}
 */
@PiCloudIntegrationTest
class SagaEngineBenchmark {

    private static final int SEQUENTIAL = Integer.getInteger("bench.sequential", 30);
    private static final int CONCURRENT = Integer.getInteger("bench.concurrent", 150);
    private static final OpenStackEmulator EMULATOR = OpenStackEmulator.start(EmulatorSettings.forTests()
            .withPort(0)
            .withServerBuildTime(Duration.ZERO)
            .withVolumeCreateTime(Duration.ZERO));
    private static final List<String> REPORT = new ArrayList<>();

    @DynamicPropertySource
    static void openstack(DynamicPropertyRegistry properties) {
        properties.add("picloud.openstack.auth-url", EMULATOR::authUrl);
        properties.add("picloud.openstack.username", () -> "admin");
        properties.add("picloud.openstack.password", () -> "admin");
        properties.add("picloud.openstack.project-name", () -> "admin");
        properties.add("picloud.provisioning.saga.poll-min", () -> "PT0.05S");
    }

    @Autowired
    SagaRepository sagas;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void one_saga_at_a_time_then_many_at_once() {
        try (SagaWorld world = new SagaWorld(sagas)) {
            // warm-up: JIT, connection pools, the tenant's project
            run(world, 20, "warm");

            Measure sequential = new Measure();
            for (int i = 0; i < SEQUENTIAL; i++) {
                sequential.add(run(world, 1, "seq"));
            }
            report("one at a time", SEQUENTIAL, sequential);

            Measure concurrent = run(world, CONCURRENT, "con");
            report(CONCURRENT + " at once", CONCURRENT, concurrent);
        }
    }

    /** Sends {@code count} orders at once and waits until every saga completed. */
    private Measure run(SagaWorld world, int count, String tenant) {
        double transitionsBefore = seconds("picloud.saga.transition");
        long transitionCountBefore = count("picloud.saga.transition");
        double callsBefore = openStackCallSeconds();
        long callCountBefore = openStackCallCount();
        long started = System.nanoTime();
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // ten tenants, as in a ministry: each tenant's project holds many stacks
            UUID orderId = UUID.randomUUID();
            world.send(new ProvisioningRequested(
                    orderId,
                    tenant + (i % 10),
                    SagaWorld.VM_STACK,
                    "vm-stack",
                    Map.of(),
                    SagaWorld.vmStack(
                            1, false), // no public IP: the emulator's public network is a /24 and each router takes one
                    new ProvisioningRequested.ProjectQuota(4000, 16000, 100000, 1000, 1000)));
            orders.add(orderId);
        }
        await("%d sagas to complete".formatted(count))
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from saga where status in ('COMPLETED', 'COMPENSATED',"
                                        + " 'COMPENSATION_FAILED') and order_id = any(?)",
                                Integer.class,
                                (Object) orders.toArray(UUID[]::new))
                        == count);
        double wall = (System.nanoTime() - started) / 1e9;
        Measure measure = new Measure();
        measure.wallSeconds = wall;
        measure.sagas = count;
        measure.callSeconds = openStackCallSeconds() - callsBefore;
        measure.calls = openStackCallCount() - callCountBefore;
        measure.transitionSeconds = seconds("picloud.saga.transition") - transitionsBefore;
        measure.transitions = count("picloud.saga.transition") - transitionCountBefore;
        for (UUID order : orders) {
            Saga saga = sagas.findByOrder(order, SagaKind.PROVISION).orElseThrow();
            assertThat(saga.status())
                    .as("saga %s: %s", saga.id(), saga.reason())
                    .isEqualTo(SagaStatus.COMPLETED);
            measure.sagaSeconds +=
                    Duration.between(saga.createdAt(), saga.finishedAt()).toNanos() / 1e9;
            measure.steps += saga.steps().size();
        }
        return measure;
    }

    private static final class Measure {
        int sagas;
        int steps;
        long calls;
        double wallSeconds;
        double sagaSeconds;
        double callSeconds;
        double transitionSeconds;
        long transitions;

        void add(Measure other) {
            sagas += other.sagas;
            steps += other.steps;
            calls += other.calls;
            wallSeconds += other.wallSeconds;
            sagaSeconds += other.sagaSeconds;
            callSeconds += other.callSeconds;
            transitionSeconds += other.transitionSeconds;
            transitions += other.transitions;
        }
    }

    private void report(String name, int count, Measure m) {
        double perSagaMs = m.sagaSeconds * 1000 / m.sagas;
        double callsPerSagaMs = m.callSeconds * 1000 / m.sagas;
        String line = String.format(
                Locale.ROOT,
                "%-14s sagas=%d steps=%d completed/s=%.1f | per saga: %.0f ms from command to COMPLETED; "
                        + "its %d OpenStack calls took %.0f ms in sum (steps run in parallel) | the saga's own "
                        + "time: %d transitions recorded (state + event, one transaction each), %.2f ms each, "
                        + "%.1f ms per step",
                name,
                count,
                m.steps,
                m.sagas / m.wallSeconds,
                perSagaMs,
                m.calls / m.sagas,
                callsPerSagaMs,
                m.transitions / m.sagas,
                m.transitionSeconds * 1000 / Math.max(1, m.transitions),
                m.transitionSeconds * 1000 / m.steps);
        System.out.println("BENCH " + line);
        REPORT.add(line);
    }

    private double seconds(String timer) {
        return meters.find(timer).timers().stream()
                .mapToDouble(t -> t.totalTime(TimeUnit.SECONDS))
                .sum();
    }

    private long count(String timer) {
        return meters.find(timer).timers().stream().mapToLong(Timer::count).sum();
    }

    private double openStackCallSeconds() {
        return meters.find("picloud.openstack.calls").timers().stream()
                .mapToDouble(timer -> timer.totalTime(TimeUnit.SECONDS))
                .sum();
    }

    private long openStackCallCount() {
        return meters.find("picloud.openstack.calls").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    @AfterAll
    static void write() throws IOException {
        EMULATOR.close();
        Path out = Path.of("target", "provisioning-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, REPORT);
    }
}
