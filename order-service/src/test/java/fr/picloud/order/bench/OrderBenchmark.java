package fr.picloud.order.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.order.OrderWorld;
import fr.picloud.platform.test.Latencies;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load test of order placement on the real infrastructure (embedded PostgreSQL, in-JVM Kafka, signed
 * tokens): {@code POST /api/v1/orders} from many concurrent clients (validation against the
 * replica's parameter schema, pricing, quota reservation by conditional update, outbox), then the
 * same rows written by one bare JDBC transaction per order on the same database (the floor, see
 * {@link FloorOrders}). Run once per approval mode: {@code pending} (the tenant's policy wants one
 * approver: one timeline row, one outbox event) and {@code auto} (approved without review and sent
 * to provisioning at once: three timeline rows, three outbox messages). Each mode has a dedicated
 * tenant with room for every order, so no order is refused. Prints figures; asserts only that every
 * order was accepted with the expected status and that the ledger adds up. Not part of
 * {@code verify}: {@code ./mvnw -pl order-service verify -Pbenchmark}, see docs/order-benchmark.md.
 * Sizes: {@code -Dbench.clients}, {@code -Dbench.requests}, {@code -Dbench.warmup},
 * {@code -Dbench.serial}, {@code -Dbench.modes=pending,auto}.
 */
@PiCloudIntegrationTest
@TestPropertySource(properties = {"picloud.test.database=order-benchmark", "logging.level.root=WARN"})
@Import(OrderBenchmark.ServerTiming.class)
class OrderBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 50);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 5_000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 1_000);
    /** Orders of the single-client run: what one order costs when nothing queues. */
    private static final int SERIAL = Integer.getInteger("bench.serial", 300);

    private static final List<String> MODES =
            List.of(System.getProperty("bench.modes", "pending,auto").split(","));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ServerTimes server;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Test
    void place_orders_from_many_clients_beside_the_same_rows_in_one_bare_transaction() throws Exception {
        StringBuilder out = new StringBuilder();
        try (OrderWorld world = new OrderWorld(port, jdbc)) {
            UUID offering = world.offering("PUBLISHED");
            jdbc.execute(FloorOrders.OUTBOX_COPY);
            line(out, "");
            line(out, "=== order-service benchmark: order placement ===");
            line(
                    out,
                    "machine: %d cores seen by the JVM, Java %s, PostgreSQL %s (embedded), Kafka in-JVM; started %s",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version(),
                    jdbc.queryForObject("show server_version", String.class),
                    LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
            line(
                    out,
                    "%d clients, %,d measured orders after %,d warm-up, %,d orders from one client; load average %s",
                    CLIENTS,
                    REQUESTS,
                    WARMUP,
                    SERIAL,
                    loadAverage());
            for (String mode : MODES) {
                out.append(mode(world, offering, mode.trim()));
            }
            System.out.println(out);
            Files.createDirectories(Path.of("target", "benchmark"));
            Files.writeString(Path.of("target", "benchmark", "order-benchmark.txt"), out);
            world.assertLedgerConsistent();
        }
    }

    private String mode(OrderWorld world, UUID offering, String mode) throws Exception {
        boolean auto = switch (mode) {
            case "auto" -> true;
            case "pending" -> false;
            default -> throw new IllegalArgumentException("bench.modes: pending or auto, not " + mode);
        };
        String expectedStatus = auto ? "PROVISIONING" : "PENDING_APPROVAL";
        String tenant = "bench-" + mode;
        String floorTenant = "floor-" + mode;
        createTenant(tenant, auto);
        createTenant(floorTenant, auto);
        List<String> tokens = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            tokens.add(TestTokens.token("bench-agent-" + client, tenant, "agent"));
        }
        String body = OrderWorld.body(offering, "CC-1", OrderWorld.SMALL_VM);
        String loadBefore = loadAverage();

        FloorOrders.startOutboxCapture(jdbc);
        Run first = overHttp(1, 1, tokens, body, expectedStatus);
        FloorOrders.stopOutboxCapture(jdbc);
        assertThat(first.failures.get())
                .as("the sample order: %s", first.firstFailure.get())
                .isZero();
        FloorOrders floorOrders = new FloorOrders(jdbc, first.sample.get(), floorTenant);
        assertThat(floorOrders.timelineRows())
                .as("timeline rows of the sample order")
                .isEqualTo(auto ? 3 : 1);
        assertThat(floorOrders.outboxRows())
                .as("outbox rows of the sample order")
                .isEqualTo(auto ? 3 : 1);

        long firstOrder = System.nanoTime();
        overHttp(WARMUP, CLIENTS, tokens, body, expectedStatus);
        server.reset();
        Run api = overHttp(REQUESTS, CLIENTS, tokens, body, expectedStatus);
        Latencies.Summary serverSide = server.requests.summary();
        String loadAfterApi = loadAverage();
        Duration drain = drainOutbox();
        double endToEnd = (WARMUP + REQUESTS) / ((System.nanoTime() - firstOrder) / 1e9);

        overFloor(WARMUP, CLIENTS, floorOrders);
        Run floor = overFloor(REQUESTS, CLIENTS, floorOrders);
        String loadAfterFloor = loadAverage();

        server.reset();
        Run apiAlone = overHttp(SERIAL, 1, tokens, body, expectedStatus);
        Latencies.Summary serverAlone = server.requests.summary();
        drainOutbox();
        Run floorAlone = overFloor(SERIAL, 1, floorOrders);

        assertThat(api.failures.get() + apiAlone.failures.get())
                .as("orders not accepted with status %s: %s", expectedStatus, api.firstFailure.get())
                .isZero();
        assertThat(floor.failures.get() + floorAlone.failures.get())
                .as("floor transactions that failed: %s", floor.firstFailure.get())
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from customer_order where tenant_id = ? and status = ?",
                        Integer.class,
                        tenant,
                        expectedStatus))
                .isEqualTo(1 + WARMUP + REQUESTS + SERIAL);
        assertThat(jdbc.queryForObject(
                        "select count(*) from customer_order where tenant_id = ?", Integer.class, floorTenant))
                .isEqualTo(WARMUP + REQUESTS + SERIAL);

        StringBuilder out = new StringBuilder();
        line(out, "");
        line(
                out,
                "--- mode %s: the tenant's policy %s; each order writes 1 order row, %d timeline row(s),"
                        + " 1 quota update, 1 reservation row, %d outbox row(s)",
                mode,
                auto
                        ? "approves it without review (status PROVISIONING)"
                        : "wants one approver (status PENDING_APPROVAL)",
                floorOrders.timelineRows(),
                floorOrders.outboxRows());
        line(out, "load average: before %s, after HTTP %s, after floor %s", loadBefore, loadAfterApi, loadAfterFloor);
        line(
                out,
                "throughput, %d clients: service %.0f orders/s over HTTP, floor %.0f transactions/s;"
                        + " floor / service x%.1f",
                CLIENTS,
                api.throughput(),
                floor.throughput(),
                floor.throughput() / api.throughput());
        line(out, "outbox drained %.1f s after the last measured order", drain.toMillis() / 1000.0);
        line(out, "end to end, warm-up and measured orders placed and every event on Kafka: %.0f orders/s", endToEnd);
        line(out, "%-58s %8s %8s %8s %8s %8s", "latency (ms)", "p50", "p95", "p99", "max", "mean");
        row(out, "client: POST /api/v1/orders round trip, " + CLIENTS + " clients", api.all.summary());
        row(out, "server: whole request (first filter to last byte)", serverSide);
        row(out, "floor: one JDBC transaction, " + CLIENTS + " threads", floor.all.summary());
        ratio(out, "service (client) / floor", api.all.summary(), floor.all.summary());
        line(
                out,
                "one client alone: service %.0f orders/s, floor %.0f transactions/s",
                apiAlone.throughput(),
                floorAlone.throughput());
        row(out, "client: round trip, 1 client", apiAlone.all.summary());
        row(out, "server: whole request, 1 client", serverAlone);
        row(out, "floor: one JDBC transaction, 1 thread", floorAlone.all.summary());
        ratio(out, "service (client) / floor, 1 client", apiAlone.all.summary(), floorAlone.all.summary());
        return out.toString();
    }

    private void createTenant(String id, boolean auto) {
        var created = new fr.picloud.platform.test.ApiClient(port)
                .post("/api/v1/tenants", OrderWorld.ADMIN, """
                        {"id": "%s", "name": "Benchmark", "kind": "DIRECTORATE", "parentId": "interieur",
                         "costCenters": [{"code": "CC-1", "name": "Benchmark"}],
                         "quota": {"vcpus": 100000000, "ramGb": 1000000000, "volumeGb": 1000000000,
                                   "instances": 100000000, "floatingIps": 100000000, "monthlyBudget": 999999999999},
                         "approvalPolicy": {"autoApproveBelow": %s, "autoApproveCategories": [],
                                            "twoApprovalsAbove": 999999999999,
                                            "escalateAfter": "PT48H", "expireAfter": "PT120H"}}
                        """.formatted(id, auto ? "999999999999" : "0"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    }

    /** The latencies of one run, the first failure, and one order it placed. */
    private static final class Run {
        final Latencies all = new Latencies(REQUESTS + WARMUP);
        final AtomicInteger failures = new AtomicInteger();
        final AtomicReference<String> firstFailure = new AtomicReference<>();
        final AtomicReference<UUID> sample = new AtomicReference<>();
        long elapsedNanos;

        double throughput() {
            return all.count() / (elapsedNanos / 1e9);
        }
    }

    /** One order; answers null when it succeeded, or what went wrong. */
    private interface Call {
        String run(int client, Run run) throws Exception;
    }

    private Run overHttp(int orders, int clients, List<String> tokens, String body, String expectedStatus)
            throws Exception {
        return concurrently(orders, clients, (client, run) -> {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + tokens.get(client))
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                return response.statusCode() + " " + response.body();
            }
            JsonNode placed = JSON.readTree(response.body());
            if (!expectedStatus.equals(placed.path("status").asString())) {
                return "status " + placed.path("status").asString();
            }
            run.sample.compareAndSet(null, UUID.fromString(placed.path("id").asString()));
            return null;
        });
    }

    private Run overFloor(int orders, int clients, FloorOrders floor) throws Exception {
        return concurrently(orders, clients, (client, run) -> {
            try (Connection connection = dataSource.getConnection()) {
                floor.place(connection);
            }
            return null;
        });
    }

    /** Each of {@code threads} clients places the next order until {@code orders} were placed. */
    private static Run concurrently(int orders, int threads, Call call) throws Exception {
        Run run = new Run();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < threads; client++) {
                int self = client;
                done.add(clients.submit(() -> {
                    while (next.getAndIncrement() < orders) {
                        long begin = System.nanoTime();
                        String failure;
                        try {
                            failure = call.run(self, run);
                        } catch (Exception e) {
                            failure = e.toString();
                        }
                        run.all.record(System.nanoTime() - begin);
                        if (failure != null) {
                            run.failures.incrementAndGet();
                            run.firstFailure.compareAndSet(null, failure);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get();
            }
            run.elapsedNanos = System.nanoTime() - start;
        } finally {
            clients.shutdown();
        }
        return run;
    }

    /** Waits until the relay has sent every outbox entry to Kafka; answers how long that took. */
    private Duration drainOutbox() {
        long start = System.nanoTime();
        await("the outbox relay to send every event to Kafka")
                .atMost(Duration.ofMinutes(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from event_publication where completion_date is null", Long.class)
                        == 0);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void ratio(StringBuilder out, String label, Latencies.Summary service, Latencies.Summary floor) {
        line(
                out,
                "%-58s p50 x%.1f, p95 x%.1f, p99 x%.1f",
                label,
                service.p50() / floor.p50(),
                service.p95() / floor.p95(),
                service.p99() / floor.p99());
    }

    private static void row(StringBuilder out, String label, Latencies.Summary summary) {
        line(
                out,
                "%-58s %8.2f %8.2f %8.2f %8.2f %8.2f",
                label,
                summary.p50(),
                summary.p95(),
                summary.p99(),
                summary.max(),
                summary.mean());
    }

    private static void line(StringBuilder out, String format, Object... values) {
        out.append(String.format(Locale.ROOT, format, values)).append('\n');
    }

    /** Latencies measured inside the service, around the whole order placement request. */
    static final class ServerTimes {
        final Latencies requests = new Latencies(REQUESTS + WARMUP);

        void reset() {
            requests.reset();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ServerTiming {

        @Bean
        ServerTimes serverTimes() {
            return new ServerTimes();
        }

        /** First in the chain, so it times the size limit, security, JSON, the controller and the service. */
        @Bean
        FilterRegistrationBean<OncePerRequestFilter> orderRequestTimer(ServerTimes times) {
            FilterRegistrationBean<OncePerRequestFilter> registration =
                    new FilterRegistrationBean<>(new OncePerRequestFilter() {
                        @Override
                        protected void doFilterInternal(
                                HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                                throws ServletException, IOException {
                            long start = System.nanoTime();
                            try {
                                chain.doFilter(request, response);
                                response.flushBuffer();
                            } finally {
                                if ("POST".equals(request.getMethod())) {
                                    times.requests.record(System.nanoTime() - start);
                                }
                            }
                        }
                    });
            registration.addUrlPatterns("/api/v1/orders");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
