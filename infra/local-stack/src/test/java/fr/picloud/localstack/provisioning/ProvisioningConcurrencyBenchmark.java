package fr.picloud.localstack.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.offering.ResourceTemplate.Resource;
import fr.picloud.contracts.order.ProvisioningRequested;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 6's concurrency goal: 2,000 sagas in flight at once against an emulator whose servers take
 * 30 s to build, with provisioning-service as a child JVM capped at {@code -Xmx512m}. Its heap and
 * live platform threads are sampled from its actuator every second; the figures go to
 * docs/provisioning-benchmark.md.
 *
 * <p>{@code ./mvnw -o -pl infra/local-stack verify -Pbenchmark}; knobs {@code -Dbench.sagas=2000},
 * {@code -Dbench.tenants=4}, {@code -Dbench.server-build-ms=30000}.
 */
class ProvisioningConcurrencyBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SAGAS = Integer.getInteger("bench.sagas", 2000);
    private static final int TENANTS = Integer.getInteger("bench.tenants", 4);
    private static final long BUILD_MS = Long.getLong("bench.server-build-ms", 30_000L);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m");

    private static DrillStack stack;
    private static SagaTable sagas;
    private static Messages messages;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void startStack() {
        stack = DrillStack.in(Path.of("target", "benchmark").toAbsolutePath())
                .serverBuildTime(Duration.ofMillis(BUILD_MS))
                .provisioningJvmOptions(JVM_OPTIONS)
                .start();
        sagas = new SagaTable(() -> {
            try {
                return stack.connect("provisioning");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        messages = new Messages(stack.kafka.bootstrapServers());
    }

    @AfterAll
    static void stopStack() {
        if (messages != null) {
            messages.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void two_thousand_sagas_waiting_for_servers_fit_in_512_mb_and_a_bounded_number_of_threads() throws Exception {
        String ops = stack.token("ops");
        List<String> tenants = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            String tenant = "bench" + t;
            stack.emulator.projectWithRoomFor(tenant);
            tenants.add(tenant);
        }
        stack.emulator.faults("{\"serverBuildMs\": " + BUILD_MS + "}");
        Sample idle = sample(ops);

        AtomicLong maxHeap = new AtomicLong();
        AtomicLong maxThreads = new AtomicLong();
        AtomicLong maxRunning = new AtomicLong();
        AtomicLong maxBuilding = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(
                () -> {
                    try {
                        Sample now = sample(ops);
                        maxHeap.accumulateAndGet(now.heapUsed(), Math::max);
                        maxThreads.accumulateAndGet(now.liveThreads(), Math::max);
                    } catch (RuntimeException e) {
                        System.out.println("[benchmark] sample failed: " + e.getMessage());
                    }
                },
                0,
                1,
                TimeUnit.SECONDS);
        ScheduledExecutorService counter = Executors.newSingleThreadScheduledExecutor();
        counter.scheduleWithFixedDelay(
                () -> {
                    try {
                        maxRunning.accumulateAndGet(sagas.countByStatus().getOrDefault("RUNNING", 0), Math::max);
                        long building = 0;
                        for (JsonNode project : stack.emulator.inventory().path("projects")) {
                            for (JsonNode server : project.path("servers")) {
                                if ("BUILD".equals(server.path("status").asString())) {
                                    building++;
                                }
                            }
                        }
                        maxBuilding.accumulateAndGet(building, Math::max);
                    } catch (RuntimeException e) {
                        System.out.println("[benchmark] count failed: " + e.getMessage());
                    }
                },
                0,
                2,
                TimeUnit.SECONDS);

        double[] load = new double[3];
        Instant start = Instant.now();
        ResourceTemplate template = template();
        for (int i = 0; i < SAGAS; i++) {
            String tenant = tenants.get(i % TENANTS);
            UUID orderId = UUID.randomUUID();
            messages.send(
                    new ProvisioningRequested(
                            orderId,
                            tenant,
                            UUID.fromString("5b7e1d2a-0c3f-4e5a-9b6c-7d8e9f0a1b2c"),
                            "bench-vm",
                            Map.of("instanceCount", 1),
                            template,
                            new ProvisioningRequested.ProjectQuota(10_000, 40_000, 100_000, 5_000, 10)),
                    tenant,
                    orderId.toString());
        }
        messages.flush();
        Duration sent = Duration.between(start, Instant.now());
        System.out.println("[benchmark] " + SAGAS + " commands sent in " + sent.toMillis() + " ms");

        await("all " + SAGAS + " sagas to end")
                .atMost(Duration.ofMinutes(40))
                .pollInterval(Duration.ofSeconds(5))
                .conditionEvaluationListener(condition -> System.out.printf(
                        "[benchmark] %4d s: sagas %s, heap max %d MB, threads max %d, load %.2f%n",
                        Duration.between(start, Instant.now()).toSeconds(),
                        sagas.countByStatus(),
                        maxHeap.get() >> 20,
                        maxThreads.get(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .until(() -> {
                    load[0] = Math.max(
                            load[0],
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                    Map<String, Integer> counts = sagas.countByStatus();
                    return counts.values().stream().mapToInt(Integer::intValue).sum() == SAGAS
                            && counts.getOrDefault("RUNNING", 0) == 0
                            && counts.getOrDefault("COMPENSATING", 0) == 0;
                });
        Duration allDone = Duration.between(start, Instant.now());
        sampler.shutdownNow();
        counter.shutdownNow();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        Sample after = sample(ops);
        Sample afterGc = afterFullGc(ops);
        Map<String, Integer> counts = sagas.countByStatus();

        List<String> summary = List.of(
                "== provisioning concurrency benchmark, " + ZonedDateTime.now() + " ==",
                String.format(
                        "machine: %d cores, load average max %.2f during the run; provisioning-service JVM options %s + %s",
                        Runtime.getRuntime().availableProcessors(),
                        load[0],
                        "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms64m -Xmx384m -XX:+ExitOnOutOfMemoryError",
                        String.join(" ", JVM_OPTIONS)),
                String.format(
                        "sagas %d across %d tenants (network + subnet + server), server build %d ms; commands sent in %.1f s",
                        SAGAS, TENANTS, BUILD_MS, sent.toMillis() / 1000.0),
                String.format(
                        "in flight: max %d sagas RUNNING at once, max %d servers in BUILD at once",
                        maxRunning.get(), maxBuilding.get()),
                String.format("all ended in %.1f s: %s", allDone.toMillis() / 1000.0, counts),
                String.format(
                        "heap used: idle %d MB, max %d MB during the run, %d MB after it, %d MB after a full GC (limit 512 MB)",
                        idle.heapUsed() >> 20, maxHeap.get() >> 20, after.heapUsed() >> 20, afterGc.heapUsed() >> 20),
                String.format(
                        "live threads: idle %d, max %d during the run, %d after it (peak %d)",
                        idle.liveThreads(), maxThreads.get(), after.liveThreads(), after.peakThreads()));
        summary.forEach(line -> System.out.println("[benchmark] " + line));
        Files.write(Path.of("target", "benchmark-summary.txt"), summary);

        assertThat(stack.provisioning.pid())
                .as("provisioning-service still running (no OutOfMemoryError)")
                .isPresent();
        assertThat(counts.getOrDefault("COMPLETED", 0))
                .as("sagas completed: " + counts)
                .isEqualTo(SAGAS);
        assertThat(maxHeap.get()).as("heap used").isLessThan(512L << 20);
        // how many overlap depends on how fast a loaded machine starts them: reported above, and at least half
        assertThat(maxRunning.get()).as("sagas in flight at once").isGreaterThanOrEqualTo(SAGAS / 2L);
        // bounded: the scheduler's threads and the service's fixed pools, not one per waiting saga
        assertThat(maxThreads.get()).as("live platform threads").isLessThan(200);
    }

    private static ResourceTemplate template() {
        return new ResourceTemplate(
                Map.of("m1.small", new ResourceTemplate.Flavor(1, 2)),
                List.of(
                        new Resource("network", "network", List.of(), null, null, Map.of()),
                        new Resource(
                                "subnet",
                                "subnet",
                                List.of("network"),
                                null,
                                null,
                                Map.of("cidr", "10.20.0.0/24", "ipVersion", 4)),
                        new Resource(
                                "server",
                                "server",
                                List.of("subnet"),
                                1,
                                null,
                                Map.of("flavor", "m1.small", "image", "debian-12"))));
    }

    record Sample(long heapUsed, long liveThreads, long peakThreads) {}

    private Sample sample(String ops) {
        return new Sample(
                (long) metric(ops, "jvm.memory.used?tag=area:heap"), (long) metric(ops, "jvm.threads.live"), (long)
                        metric(ops, "jvm.threads.peak"));
    }

    /** Asks the child JVM for a full collection (jcmd GC.run), then samples: what the sagas really keep. */
    private Sample afterFullGc(String ops) throws IOException, InterruptedException {
        Path jcmd =
                Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        long pid = stack.provisioning.pid().orElseThrow();
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                .redirectErrorStream(true)
                .start();
        gc.getInputStream().transferTo(OutputStream.nullOutputStream());
        gc.waitFor(60, TimeUnit.SECONDS);
        return sample(ops);
    }

    private double metric(String ops, String nameAndTag) {
        URI uri = stack.provisioning.baseUri().resolve("/actuator/metrics/" + nameAndTag);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + ops)
                            .timeout(Duration.ofSeconds(20))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            for (JsonNode measurement : JSON.readTree(response.body()).path("measurements")) {
                if (measurement.path("statistic").asString().equals("VALUE")) {
                    return measurement.path("value").asDouble();
                }
            }
            throw new IllegalStateException(uri + " has no VALUE: " + response.body());
        } catch (IOException e) {
            throw new IllegalStateException(uri + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
