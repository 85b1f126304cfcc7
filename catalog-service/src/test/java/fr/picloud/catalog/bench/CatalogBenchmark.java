package fr.picloud.catalog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Load test of the catalogue on the real infrastructure: imports a generated feed through the API,
 * then searches from many concurrent clients, and runs the same searches as bare SQL on the same
 * database (the floor). Prints figures and targets; asserts that every request succeeded and that
 * the service and the floor found the same totals (for text searches through the index, the number
 * that differ is printed: Lucene and PostgreSQL analyse words differently). Not
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
    /** Arrival rates (searches/s) of the open-loop runs: agents who search, read, then search again. */
    private static final List<Integer> RATES = Arrays.stream(
                    System.getProperty("bench.rates", "50,100,200,300").split(","))
            .map(String::strip)
            .map(Integer::valueOf)
            .toList();
    /** Length of each open-loop run. */
    private static final Duration RATE_RUN = Duration.ofSeconds(Long.getLong("bench.rate-seconds", 20));

    /** Searches of the single-client run, which shows what one search costs when nothing queues. */
    private static final int SERIAL = Integer.getInteger("bench.serial", 1_000);

    private static final double TARGET_P95_MS = 20;
    private static final double TARGET_P99_MS = 50;
    private static final Duration TARGET_IMPORT = Duration.ofSeconds(60);

    private static final String ADMIN = TestTokens.token("catalog-admin", "dsic", "catalog-admin");
    private static final String AGENT = TestTokens.token("agent-police", "police", "agent");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Hits come first and carry no total: the answer's own total is the first one. */
    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");

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

        long revision = jdbc.queryForObject("select revision from catalog_revision", Long.class);
        await("the search index to hold the whole import")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> meters.get("picloud.catalog.search.index.revision")
                                .gauge()
                                .value()
                        >= revision);
        Duration indexTime = Duration.ofNanos(System.nanoTime() - importStart).minus(importTime);
        await("the outbox relay to send every event of the import to Kafka")
                .atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from event_publication where completion_date is null", Long.class)
                        == 0);
        Duration drainTime = Duration.ofNanos(System.nanoTime() - importStart).minus(importTime);
        // what autovacuum does within a minute of a bulk load; done here so each run measures the same plans
        jdbc.execute("vacuum analyze offering");

        List<SearchMix.Search> searches = SearchMix.generate(SEED, WARMUP + REQUESTS);
        List<SearchMix.Search> warmup = searches.subList(0, WARMUP);
        List<SearchMix.Search> measured = searches.subList(WARMUP, searches.size());

        // the database's own full-text search (Cache-Control: no-cache), as the service answered before the index
        overHttp(warmup, CLIENTS, false);
        server.reset();
        Run database = overHttp(measured, CLIENTS, false);
        Latencies.Summary serverDatabase = server.requests.summary();
        micrometerLine = micrometer();

        overSql(warmup);
        Run floor = overSql(measured);

        // the service as agents use it: answered by the in-memory index
        overHttp(warmup, CLIENTS, true);
        double byIndexBefore = answers("index");
        double byDatabaseBefore = answers("database");
        server.reset();
        Run indexed = overHttp(measured, CLIENTS, true);
        Latencies.Summary serverIndexed = server.requests.summary();
        String sources = String.format(
                Locale.ROOT,
                "answered by the index %.0f, by the database %.0f",
                answers("index") - byIndexBefore,
                answers("database") - byDatabaseBefore);

        List<SearchMix.Search> serial = measured.subList(0, Math.min(SERIAL, measured.size()));
        server.reset();
        Run databaseAlone = overHttp(serial, 1, false);
        Latencies.Summary serverDatabaseAlone = server.requests.summary();
        Run floorAlone = overSql(serial, 1);
        server.reset();
        Run indexedAlone = overHttp(serial, 1, true);
        Latencies.Summary serverIndexedAlone = server.requests.summary();

        // open loop: searches arrive at a fixed rate, from up to 50 clients at once, whether or not earlier
        // ones have been answered; latency counts from when a search was due, so a late start counts
        StringBuilder atRates = new StringBuilder();
        for (int rate : RATES) {
            int count = (int) (rate * RATE_RUN.toSeconds());
            List<SearchMix.Search> arriving = SearchMix.generate(SEED + rate, count);
            server.reset();
            Run paced = atRate(arriving, rate);
            atRates.append(paced(rate, paced, server.requests.summary()));
        }

        // a delete (of nothing, here) makes every instance rebuild its index from the table, as at start-up
        long rebuildStart = System.nanoTime();
        jdbc.update("delete from offering where false");
        long afterDelete = jdbc.queryForObject("select revision from catalog_revision", Long.class);
        search(measured.getFirst());
        await("the search index to be rebuilt")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> meters.get("picloud.catalog.search.index.revision")
                                .gauge()
                                .value()
                        >= afterDelete);
        Duration rebuildTime = Duration.ofNanos(System.nanoTime() - rebuildStart);

        List<String> textDifferences = differences(measured, indexed, floor, true);
        String table = table(
                report,
                importTime,
                drainTime,
                indexTime,
                new Measured(indexed, serverIndexed),
                new Measured(database, serverDatabase),
                floor,
                sources,
                textDifferences);
        table += String.format(
                Locale.ROOT,
                "%nsearch index rebuilt from the database (after a delete, as at start-up): %,.0f offerings in %.1f s%n",
                meters.get("picloud.catalog.search.index.documents").gauge().value(),
                rebuildTime.toMillis() / 1000.0);
        table += atRates;
        table += alone(
                new Measured(indexedAlone, serverIndexedAlone),
                new Measured(databaseAlone, serverDatabaseAlone),
                floorAlone);
        System.out.println(table);
        Files.writeString(Path.of("target", "benchmark", "catalog-benchmark.txt"), table);
        Files.writeString(Path.of("target", "benchmark", "search-plans.txt"), plans(measured));

        assertThat(database.failures.get())
                .as("searches that did not answer 200")
                .isZero();
        assertThat(indexed.failures.get())
                .as("searches that did not answer 200")
                .isZero();
        assertThat(serverIndexed.count()).as("searches seen by the server").isEqualTo(REQUESTS);
        assertThat(differences(measured, database, floor, false))
                .as("searches where the service's database search and the floor found different totals")
                .isEmpty();
        assertThat(differences(measured, indexed, floor, false))
                .as("searches without text where the index and the floor found different totals")
                .isEmpty();
    }

    /** One search through the index, which wakes its worker if it is behind. */
    private void search(SearchMix.Search search) throws Exception {
        overHttp(true).run(search);
    }

    /** A run seen from the clients and from inside the server. */
    private record Measured(Run run, Latencies.Summary server) {}

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

    /** @param indexed whether the service answers from its index ({@code Cache-Control: no-cache} if not) */
    private Run overHttp(List<SearchMix.Search> searches, int clients, boolean indexed) throws Exception {
        return concurrently(searches, clients, overHttp(indexed), 0);
    }

    private Call overHttp(boolean indexed) {
        return search -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(search.path()))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + AGENT)
                    .GET();
            if (!indexed) {
                request.header("Cache-Control", "no-cache");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        };
    }

    private Run overSql(List<SearchMix.Search> searches) throws Exception {
        return overSql(searches, CLIENTS);
    }

    private Run overSql(List<SearchMix.Search> searches, int clients) throws Exception {
        return concurrently(
                searches,
                clients,
                search -> {
                    try (Connection connection = dataSource.getConnection()) {
                        return FloorQueries.run(connection, search);
                    }
                },
                0);
    }

    /**
     * Sends search {@code i} at {@code i / rate} seconds after the start, from {@link #CLIENTS} threads;
     * a search is timed from when it was due, not from when a thread got to it.
     */
    private Run atRate(List<SearchMix.Search> searches, int rate) throws Exception {
        return concurrently(searches, CLIENTS, overHttp(true), 1_000_000_000L / rate);
    }

    /**
     * Each of {@code clients} threads takes the next search until none is left: at once (a closed loop,
     * {@code interval} 0), or when it is due, search {@code i} at {@code i * interval} nanoseconds from
     * the start (an open loop, timed from when the search was due).
     */
    private Run concurrently(List<SearchMix.Search> searches, int threads, Call call, long interval) throws Exception {
        Run run = new Run();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime() + (interval == 0 ? 0 : 100_000_000L);
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < threads; client++) {
                done.add(clients.submit(() -> {
                    for (int index = next.getAndIncrement(); index < searches.size(); index = next.getAndIncrement()) {
                        SearchMix.Search search = searches.get(index);
                        long begin = interval == 0 ? System.nanoTime() : start + index * interval;
                        long wait = begin - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
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

    private double answers(String source) {
        return meters.get("picloud.catalog.search.answers")
                .tag("source", source)
                .counter()
                .count();
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

    /**
     * The searches whose totals differ, at most 20 listed.
     *
     * @param text whether to compare the searches with text (or those without)
     */
    private static List<String> differences(List<SearchMix.Search> searches, Run service, Run floor, boolean text) {
        List<String> differences = new ArrayList<>();
        for (int index = 0; index < searches.size(); index++) {
            SearchMix.Search search = searches.get(index);
            Long found = service.totals.get(index);
            Long sql = floor.totals.get(index);
            if ((search.text() != null) == text && !Objects.equals(found, sql)) {
                differences.add(search.path() + ": service " + found + ", SQL " + sql);
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

    /**
     * The answer's {@code total}, read without parsing the whole answer: the clients share the
     * service's two cores, and a full parse of every answer took CPU from the server being measured.
     */
    private static long totalOf(String body) {
        Matcher total = TOTAL.matcher(body);
        if (!total.find()) {
            throw new IllegalStateException("an answer without a total: " + body);
        }
        return Long.parseLong(total.group(1));
    }

    private static long total(Object answer) {
        return switch (answer) {
            case null -> -1;
            case String body -> totalOf(body);
            case Long total -> total;
            default -> throw new IllegalStateException("unexpected answer " + answer);
        };
    }

    private String table(
            JsonNode report,
            Duration importTime,
            Duration drainTime,
            Duration indexTime,
            Measured indexed,
            Measured database,
            Run floor,
            String sources,
            List<String> textDifferences) {
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
        line(
                out,
                "search index: held the whole import %.1f s after the import answered",
                indexTime.toMillis() / 1000.0);
        line(out, "");
        line(
                out,
                "search: %,d requests from %d concurrent clients after %,d warm-up requests; index %.0f requests/s,"
                        + " database %.0f requests/s over HTTP; SQL floor %.0f searches/s",
                REQUESTS,
                CLIENTS,
                WARMUP,
                indexed.run().throughput(),
                database.run().throughput(),
                floor.throughput());
        line(
                out,
                "searches that did not answer 200: %d index, %d database",
                indexed.run().failures.get(),
                database.run().failures.get());
        line(out, "index: the service as agents use it (%s)", sources);
        line(out, "database: Cache-Control: no-cache, every search answered by the database's full-text search");
        line(out, "%-52s %8s %8s %8s %8s %8s", "latency (ms)", "p50", "p95", "p99", "max", "mean");
        row(out, "server: whole request, " + CLIENTS + " clients, index", indexed.server());
        row(
                out,
                "client: HTTP round trip, " + CLIENTS + " clients, index",
                indexed.run().all.summary());
        row(out, "server: whole request, " + CLIENTS + " clients, database", database.server());
        row(
                out,
                "client: HTTP round trip, " + CLIENTS + " clients, database",
                database.run().all.summary());
        out.append(micrometerLine);
        row(out, "floor: the database's SQL statement, " + CLIENTS + " JDBC threads", floor.all.summary());
        ratios(out, "index", indexed.server(), floor.all.summary());
        ratios(out, "database", database.server(), floor.all.summary());
        targets(out, "index, " + CLIENTS + " clients", indexed.server());
        targets(out, "database, " + CLIENTS + " clients", database.server());
        long textSearches = indexed.run().totals.size()
                - indexed.run().byKind.entrySet().stream()
                        .filter(kind -> !kind.getKey().startsWith("text"))
                        .mapToLong(kind -> kind.getValue().count())
                        .sum();
        line(
                out,
                "totals: every search without text found what the floor found; text searches whose total differs"
                        + " from PostgreSQL's: %d of %d (Lucene and PostgreSQL stem and match words differently)",
                textDifferences.size(),
                textSearches);
        textDifferences.stream().limit(5).forEach(difference -> line(out, "  e.g. %s", difference));
        line(out, "");
        line(
                out,
                "%-28s %6s %9s %9s %9s %9s %9s %9s",
                "by kind (client side, ms)",
                "share",
                "index p50",
                "index p95",
                "db p50",
                "db p95",
                "sql p50",
                "sql p95");
        for (Map.Entry<String, Latencies> kind : new TreeMap<>(indexed.run().byKind).entrySet()) {
            Latencies.Summary index = kind.getValue().summary();
            Latencies.Summary db = database.run().byKind.get(kind.getKey()).summary();
            Latencies.Summary sql = floor.byKind.get(kind.getKey()).summary();
            line(
                    out,
                    "%-28s %5.1f%% %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f",
                    kind.getKey(),
                    100.0 * index.count() / REQUESTS,
                    index.p50(),
                    index.p95(),
                    db.p50(),
                    db.p95(),
                    sql.p50(),
                    sql.p95());
        }
        return out.toString();
    }

    private static void ratios(StringBuilder out, String label, Latencies.Summary server, Latencies.Summary floor) {
        line(
                out,
                "server (%s) / floor: p50 x%.2f, p95 x%.2f, p99 x%.2f",
                label,
                server.p50() / floor.p50(),
                server.p95() / floor.p95(),
                server.p99() / floor.p99());
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

    private static String paced(int rate, Run run, Latencies.Summary server) {
        StringBuilder out = new StringBuilder();
        line(out, "");
        line(
                out,
                "open loop at %d searches/s for %d s (%,d searches, up to %d at once; %.0f/s achieved), index,"
                        + " %d did not answer 200",
                rate,
                RATE_RUN.toSeconds(),
                run.all.count(),
                CLIENTS,
                run.throughput(),
                run.failures.get());
        line(out, "%-52s %8s %8s %8s %8s %8s", "latency (ms)", "p50", "p95", "p99", "max", "mean");
        row(out, "server: whole request, " + rate + "/s", server);
        row(out, "client: from when the search was due, " + rate + "/s", run.all.summary());
        targets(out, "index, " + rate + " searches/s", server);
        return out.toString();
    }

    private static String alone(Measured indexed, Measured database, Run floor) {
        StringBuilder out = new StringBuilder();
        line(out, "");
        line(
                out,
                "one client alone: %,d of the same searches in sequence, index %.0f requests/s, database %.0f requests/s",
                indexed.run().all.count(),
                indexed.run().throughput(),
                database.run().throughput());
        line(out, "%-52s %8s %8s %8s %8s %8s", "latency (ms)", "p50", "p95", "p99", "max", "mean");
        row(out, "server: whole request, 1 client, index", indexed.server());
        row(out, "client: HTTP round trip, 1 client, index", indexed.run().all.summary());
        row(out, "server: whole request, 1 client, database", database.server());
        row(
                out,
                "client: HTTP round trip, 1 client, database",
                database.run().all.summary());
        row(out, "floor: the database's SQL statement, 1 thread", floor.all.summary());
        targets(out, "index, one client", indexed.server());
        targets(out, "database, one client", database.server());
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

    /** Latencies measured inside the service, around the whole request. */
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
    }
}
