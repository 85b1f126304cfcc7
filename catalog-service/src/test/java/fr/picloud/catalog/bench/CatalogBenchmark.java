package fr.picloud.catalog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.catalog.offering.application.OfferingSearch;
import fr.picloud.platform.test.Latencies;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
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
 * Load test of the catalogue on the real infrastructure: imports a generated feed through the API,
 * then searches from many concurrent clients, and runs the same searches as bare SQL on the same
 * database (the floor). Prints figures and targets; asserts only that every request succeeded. Not
 * part of {@code verify}: {@code ./mvnw -pl catalog-service verify -Pbenchmark}, see
 * docs/catalog-benchmark.md. Sizes: {@code -Dbench.rows}, {@code -Dbench.clients},
 * {@code -Dbench.requests}, {@code -Dbench.warmup}, {@code -Dbench.seed}.
 */
@PiCloudIntegrationTest
@TestPropertySource(
        properties = {
            "picloud.test.database=benchmark",
            "management.metrics.distribution.percentiles.http.server.requests=0.5,0.95,0.99",
            "logging.level.root=WARN"
        })
@Import(CatalogBenchmark.ServerTiming.class)
class CatalogBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 22_000);
    private static final long SEED = Long.getLong("bench.seed", 42);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 50);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 20_000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 3_000);
    /** Searches of the single-client run, which shows what one search costs when nothing queues. */
    private static final int SERIAL = Integer.getInteger("bench.serial", 1_000);

    private static final double TARGET_P95_MS = 20;
    private static final double TARGET_P99_MS = 50;
    private static final Duration TARGET_IMPORT = Duration.ofSeconds(60);

    private static final String ADMIN = TestTokens.token("catalog-admin", "dsic", "catalog-admin");
    private static final String AGENT = TestTokens.token("agent-police", "police", "agent");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ServerTimes server;

    @Autowired
    MeterRegistry meters;

    /** Micrometer's view of the 50-client run, taken right after it: its percentiles slide. */
    private String micrometerLine = "";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Test
    void import_a_large_feed_then_search_it_from_many_clients() throws Exception {
        Path feed = Path.of("target", "benchmark", "feed-" + ROWS + "-" + SEED + ".jsonl");
        Files.createDirectories(feed.getParent());
        try (Writer writer = Files.newBufferedWriter(feed, StandardCharsets.UTF_8)) {
            new FeedGenerator(SEED).writeJsonLines(ROWS, writer);
        }

        long importStart = System.nanoTime();
        HttpResponse<String> imported = http.send(
                HttpRequest.newBuilder(uri("/api/v1/offerings/import"))
                        .timeout(Duration.ofMinutes(60))
                        .header("Authorization", "Bearer " + ADMIN)
                        .header("Content-Type", "application/jsonl")
                        .POST(HttpRequest.BodyPublishers.ofFile(feed))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Duration importTime = Duration.ofNanos(System.nanoTime() - importStart);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(imported.body());
        System.out.printf("import of %,d rows answered in %.1f s: %s%n", ROWS, importTime.toMillis() / 1000.0, report);
        assertThat(report.path("created").asLong()).as(report.toString()).isEqualTo(ROWS);

        long drainStart = System.nanoTime();
        await("the outbox relay to send every event of the import to Kafka")
                .atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from event_publication where completion_date is null", Long.class)
                        == 0);
        Duration drainTime = Duration.ofNanos(System.nanoTime() - drainStart);
        // what autovacuum does within a minute of a bulk load; done here so each run measures the same plans
        jdbc.execute("vacuum analyze offering");

        List<SearchMix.Search> searches = SearchMix.generate(SEED, WARMUP + REQUESTS);
        List<SearchMix.Search> warmup = searches.subList(0, WARMUP);
        List<SearchMix.Search> measured = searches.subList(WARMUP, searches.size());

        // cold: every search answered from the database (Cache-Control: no-cache bypasses both caches)
        overHttp(warmup, CLIENTS, false);
        server.reset();
        Run api = overHttp(measured, CLIENTS, false);
        Latencies.Summary serverSide = server.requests.summary();
        Latencies.Summary searchMethod = server.searches.summary();
        micrometerLine = micrometer();

        overSql(warmup);
        Run floor = overSql(measured);

        // warm: the same searches through the caches, which start empty (nothing cached by the warm-up)
        CacheCounts before = cacheCounts();
        server.reset();
        Run cached = overHttp(measured, CLIENTS, true);
        Latencies.Summary serverCached = server.requests.summary();
        CacheCounts warm = cacheCounts().minus(before);

        List<SearchMix.Search> serial = measured.subList(0, Math.min(SERIAL, measured.size()));
        server.reset();
        Run apiAlone = overHttp(serial, 1, false);
        Latencies.Summary serverAlone = server.requests.summary();
        Run floorAlone = overSql(serial, 1);
        // one client through the caches, which by now hold answers from the 50-client warm run
        CacheCounts beforeAlone = cacheCounts();
        server.reset();
        Run cachedAlone = overHttp(serial, 1, true);
        Latencies.Summary serverCachedAlone = server.requests.summary();
        CacheCounts warmAlone = cacheCounts().minus(beforeAlone);

        String table =
                table(report, importTime, drainTime, api, serverSide, searchMethod, floor, cached, serverCached, warm);
        table += alone(apiAlone, serverAlone, floorAlone, cachedAlone, serverCachedAlone, warmAlone);
        System.out.println(table);
        Files.writeString(Path.of("target", "benchmark", "catalog-benchmark.txt"), table);
        Files.writeString(Path.of("target", "benchmark", "search-plans.txt"), plans(measured));

        assertThat(api.failures.get()).as("searches that did not answer 200").isZero();
        assertThat(cached.failures.get())
                .as("cached searches that did not answer 200")
                .isZero();
        assertThat(serverSide.count()).as("searches seen by the server").isEqualTo(REQUESTS);
        assertThat(differences(measured, api, floor))
                .as("searches where the service and the floor found different totals")
                .isEmpty();
        assertThat(differences(measured, cached, floor))
                .as("searches where the service's cached answers and the floor found different totals")
                .isEmpty();
    }

    /** Latencies of one run, overall and by kind of search, and the total each search found. */
    private static final class Run {
        final Latencies all = new Latencies(REQUESTS + WARMUP);
        final Map<String, Latencies> byKind = new ConcurrentHashMap<>();
        final Map<Integer, Long> totals = new ConcurrentHashMap<>();
        final AtomicInteger failures = new AtomicInteger();
        long elapsedNanos;

        void record(int index, SearchMix.Search search, long nanos, long total) {
            all.record(nanos);
            byKind.computeIfAbsent(search.kind(), kind -> new Latencies(REQUESTS + WARMUP))
                    .record(nanos);
            totals.put(index, total);
        }

        double throughput() {
            return all.count() / (elapsedNanos / 1e9);
        }
    }

    /** One search; answers the response body over HTTP, the total over SQL, or null when it failed. */
    private interface Call {
        Object run(SearchMix.Search search) throws Exception;
    }

    /** @param cached whether the service may answer from its caches ({@code Cache-Control: no-cache} if not) */
    private Run overHttp(List<SearchMix.Search> searches, int clients, boolean cached) throws Exception {
        return concurrently(searches, clients, search -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(search.path()))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + AGENT)
                    .GET();
            if (!cached) {
                request.header("Cache-Control", "no-cache");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        });
    }

    private Run overSql(List<SearchMix.Search> searches) throws Exception {
        return overSql(searches, CLIENTS);
    }

    private Run overSql(List<SearchMix.Search> searches, int clients) throws Exception {
        return concurrently(searches, clients, search -> {
            try (Connection connection = dataSource.getConnection()) {
                return FloorQueries.run(connection, search);
            }
        });
    }

    /** Each of {@code clients} threads takes the next search until none is left. */
    private Run concurrently(List<SearchMix.Search> searches, int threads, Call call) throws Exception {
        Run run = new Run();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < threads; client++) {
                done.add(clients.submit(() -> {
                    for (int index = next.getAndIncrement(); index < searches.size(); index = next.getAndIncrement()) {
                        SearchMix.Search search = searches.get(index);
                        long begin = System.nanoTime();
                        Object answer;
                        try {
                            answer = call.run(search);
                        } catch (Exception e) {
                            answer = null;
                        }
                        long elapsed = System.nanoTime() - begin;
                        if (answer == null) {
                            run.failures.incrementAndGet();
                        }
                        run.record(index, search, elapsed, total(answer));
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

    /** Hits and misses of the service's two search caches, from their Micrometer meters. */
    private record CacheCounts(double answerHits, double answerMisses, double countHits, double countMisses) {

        CacheCounts minus(CacheCounts before) {
            return new CacheCounts(
                    answerHits - before.answerHits,
                    answerMisses - before.answerMisses,
                    countHits - before.countHits,
                    countMisses - before.countMisses);
        }

        String describe() {
            double answers = answerHits + answerMisses;
            double counts = countHits + countMisses;
            return String.format(
                    Locale.ROOT,
                    "answers cache: %.0f hits / %.0f searches (%.1f %%); counts cache (on answer misses): %.0f / %.0f (%.1f %%)",
                    answerHits,
                    answers,
                    answers == 0 ? 0 : 100 * answerHits / answers,
                    countHits,
                    counts,
                    counts == 0 ? 0 : 100 * countHits / counts);
        }
    }

    private CacheCounts cacheCounts() {
        return new CacheCounts(
                cacheGets("catalog.search.answers", "hit"),
                cacheGets("catalog.search.answers", "miss"),
                cacheGets("catalog.search.counts", "hit"),
                cacheGets("catalog.search.counts", "miss"));
    }

    private double cacheGets(String cache, String result) {
        var counter = meters.find("cache.gets")
                .tag("cache", cache)
                .tag("result", result)
                .functionCounter();
        return counter == null ? 0 : counter.count();
    }

    private String micrometer() {
        Timer timer = meters.find("http.server.requests")
                .tag("uri", "/api/v1/offerings")
                .tag("method", "GET")
                .timer();
        if (timer == null || timer.takeSnapshot().percentileValues().length != 3) {
            return "";
        }
        ValueAtPercentile[] values = timer.takeSnapshot().percentileValues();
        return String.format(
                Locale.ROOT,
                "%-52s %8.2f %8.2f %8.2f   (sliding 2-minute window, with warm-up)%n",
                "micrometer: http.server.requests",
                values[0].value(java.util.concurrent.TimeUnit.MILLISECONDS),
                values[1].value(java.util.concurrent.TimeUnit.MILLISECONDS),
                values[2].value(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    private static List<String> differences(List<SearchMix.Search> searches, Run api, Run floor) {
        List<String> differences = new ArrayList<>();
        for (int index = 0; index < searches.size() && differences.size() < 20; index++) {
            Long service = api.totals.get(index);
            Long sql = floor.totals.get(index);
            if (!java.util.Objects.equals(service, sql)) {
                differences.add(searches.get(index).path() + ": service " + service + ", SQL " + sql);
            }
        }
        return differences;
    }

    /** The plans of one search of each kind, for whoever investigates where the time goes. */
    private String plans(List<SearchMix.Search> searches) throws java.sql.SQLException {
        Map<String, SearchMix.Search> oneOfEachKind = new TreeMap<>();
        searches.forEach(search -> oneOfEachKind.putIfAbsent(search.kind(), search));
        StringBuilder plans = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            for (Map.Entry<String, SearchMix.Search> kind : oneOfEachKind.entrySet()) {
                plans.append("==== ")
                        .append(kind.getKey())
                        .append(": ")
                        .append(kind.getValue().path())
                        .append('\n');
                plans.append(FloorQueries.explain(connection, kind.getValue()));
            }
        }
        return plans.toString();
    }

    private static long total(Object answer) {
        return switch (answer) {
            case null -> -1;
            case String body -> JSON.readTree(body).path("total").asLong();
            case Long total -> total;
            default -> throw new IllegalStateException("unexpected answer " + answer);
        };
    }

    private String table(
            JsonNode report,
            Duration importTime,
            Duration drainTime,
            Run api,
            Latencies.Summary serverSide,
            Latencies.Summary searchMethod,
            Run floor,
            Run cached,
            Latencies.Summary serverCached,
            CacheCounts cacheCounts) {
        StringBuilder out = new StringBuilder();
        String version = jdbc.queryForObject("show server_version", String.class);
        long feedBytes;
        try {
            feedBytes = Files.size(Path.of("target", "benchmark", "feed-" + ROWS + "-" + SEED + ".jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line(out, "");
        line(out, "=== catalog-service benchmark ===");
        line(
                out,
                "machine: %d cores seen by the JVM, Java %s, PostgreSQL %s (embedded), Kafka in-JVM",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                version);
        line(out, "feed: %,d offerings, seed %d, %.1f MB of JSON lines", ROWS, SEED, feedBytes / 1e6);
        line(out, "");
        double seconds = importTime.toMillis() / 1000.0;
        line(
                out,
                "import: %,d created, %,d rejected in %.1f s (%.0f rows/s, %.2f ms/row)   target < %d s: %s",
                report.path("created").asLong(),
                report.path("rejected").asLong(),
                seconds,
                ROWS / seconds,
                importTime.toMillis() / (double) ROWS,
                TARGET_IMPORT.toSeconds(),
                importTime.compareTo(TARGET_IMPORT) < 0 ? "met" : "MISSED");
        line(out, "outbox: drained %.1f s after the import answered", drainTime.toMillis() / 1000.0);
        line(out, "");
        line(
                out,
                "search: %,d requests from %d concurrent clients after %,d warm-up requests; cold %.0f requests/s,"
                        + " warm %.0f requests/s over HTTP",
                REQUESTS,
                CLIENTS,
                WARMUP,
                api.throughput(),
                cached.throughput());
        line(out, "searches that did not answer 200: %d cold, %d warm", api.failures.get(), cached.failures.get());
        line(out, "cold: Cache-Control: no-cache, every search answered by its SQL statement");
        line(out, "warm: the same searches through the caches, empty at the start; %s", cacheCounts.describe());
        line(out, "%-52s %8s %8s %8s %8s %8s", "latency (ms)", "p50", "p95", "p99", "max", "mean");
        row(out, "client: HTTP round trip, " + CLIENTS + " clients, cold", api.all.summary());
        row(out, "server: whole request, cold", serverSide);
        row(out, "server: OfferingSearch.searchUncached, cold", searchMethod);
        row(out, "floor: the same SQL statement, " + CLIENTS + " JDBC threads", floor.all.summary());
        out.append(micrometerLine);
        row(out, "client: HTTP round trip, " + CLIENTS + " clients, warm", cached.all.summary());
        row(out, "server: whole request, warm", serverCached);
        line(out, "floor throughput: %.0f searches/s", floor.throughput());
        Latencies.Summary floorAll = floor.all.summary();
        line(
                out,
                "server / floor: p50 x%.1f, p95 x%.1f, p99 x%.1f",
                serverSide.p50() / floorAll.p50(),
                serverSide.p95() / floorAll.p95(),
                serverSide.p99() / floorAll.p99());
        targets(out, "cold", serverSide);
        targets(out, "warm", serverCached);
        line(out, "");
        line(
                out,
                "%-28s %6s %9s %9s %9s %9s %9s %9s",
                "by kind (client side, ms)",
                "share",
                "cold p50",
                "cold p95",
                "warm p50",
                "warm p95",
                "sql p50",
                "sql p95");
        for (Map.Entry<String, Latencies> kind : new TreeMap<>(api.byKind).entrySet()) {
            Latencies.Summary client = kind.getValue().summary();
            Latencies.Summary warm = cached.byKind.get(kind.getKey()).summary();
            Latencies.Summary sql = floor.byKind.get(kind.getKey()).summary();
            line(
                    out,
                    "%-28s %5.1f%% %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f",
                    kind.getKey(),
                    100.0 * client.count() / REQUESTS,
                    client.p50(),
                    client.p95(),
                    warm.p50(),
                    warm.p95(),
                    sql.p50(),
                    sql.p95());
        }
        return out.toString();
    }

    private static void targets(StringBuilder out, String label, Latencies.Summary server) {
        line(
                out,
                "targets (server side, %s): p95 < %.0f ms: %s (%.1f), p99 < %.0f ms: %s (%.1f)",
                label,
                TARGET_P95_MS,
                server.p95() < TARGET_P95_MS ? "met" : "MISSED",
                server.p95(),
                TARGET_P99_MS,
                server.p99() < TARGET_P99_MS ? "met" : "MISSED",
                server.p99());
    }

    private static String alone(
            Run api,
            Latencies.Summary server,
            Run floor,
            Run cached,
            Latencies.Summary serverCached,
            CacheCounts counts) {
        StringBuilder out = new StringBuilder();
        line(out, "");
        line(
                out,
                "one client alone: %,d of the same searches in sequence, %.0f requests/s",
                api.all.count(),
                api.throughput());
        line(out, "%-52s %8s %8s %8s %8s %8s", "latency (ms)", "p50", "p95", "p99", "max", "mean");
        row(out, "client: HTTP round trip, 1 client, cold", api.all.summary());
        row(out, "server: whole request, cold", server);
        row(out, "floor: the same SQL statement, 1 thread", floor.all.summary());
        row(out, "client: HTTP round trip, 1 client, warm", cached.all.summary());
        row(out, "server: whole request, warm", serverCached);
        line(out, "warm, one client (caches filled by the 50-client warm run): %s", counts.describe());
        targets(out, "cold, one client", server);
        targets(out, "warm, one client", serverCached);
        return out.toString();
    }

    private static void row(StringBuilder out, String label, Latencies.Summary summary) {
        line(
                out,
                "%-52s %8.2f %8.2f %8.2f %8.2f %8.2f",
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

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Latencies measured inside the service: around the whole request and around the search alone. */
    static final class ServerTimes {
        final Latencies requests = new Latencies(REQUESTS + WARMUP);
        final Latencies searches = new Latencies(REQUESTS + WARMUP);

        void reset() {
            requests.reset();
            searches.reset();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ServerTiming {

        @Bean
        ServerTimes serverTimes() {
            return new ServerTimes();
        }

        /** First in the chain, so it times security, the controller, JSON and the search alike. */
        @Bean
        FilterRegistrationBean<OncePerRequestFilter> searchRequestTimer(ServerTimes times) {
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
                                if ("GET".equals(request.getMethod())) {
                                    times.requests.record(System.nanoTime() - start);
                                }
                            }
                        }
                    });
            registration.addUrlPatterns("/api/v1/offerings");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        static BeanPostProcessor searchTimer(ObjectProvider<ServerTimes> times) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof OfferingSearch search) {
                        return new OfferingSearch() {
                            @Override
                            public Result search(Query query) {
                                long start = System.nanoTime();
                                try {
                                    return search.search(query);
                                } finally {
                                    times.getObject().searches.record(System.nanoTime() - start);
                                }
                            }

                            @Override
                            public Result searchUncached(Query query) {
                                long start = System.nanoTime();
                                try {
                                    return search.searchUncached(query);
                                } finally {
                                    times.getObject().searches.record(System.nanoTime() - start);
                                }
                            }
                        };
                    }
                    return bean;
                }
            };
        }
    }
}
