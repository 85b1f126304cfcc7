package fr.picloud.catalog.offering.adapter.search;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.catalog.bench.FeedGenerator;
import fr.picloud.catalog.bench.SearchMix;
import fr.picloud.catalog.offering.application.OfferingSearch.Hit;
import fr.picloud.catalog.offering.application.OfferingSearch.Query;
import fr.picloud.platform.test.Latencies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The search index alone, without HTTP, security or the database: builds it from the benchmark's
 * generated feed in batches, as it follows an import, then answers the benchmark's searches on one
 * thread, on the segments the batches left, then on one merged segment. Shows what a search costs
 * inside {@link OfferingIndex}. Run with the other benchmarks:
 * {@code ./mvnw -pl catalog-service verify -Pbenchmark}; sizes {@code -Dbench.rows}, {@code -Dbench.requests}.
 */
class OfferingIndexBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 22_000);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 20_000);
    private static final long SEED = Long.getLong("bench.seed", 42);
    /** Rows a catch-up brings in at a time while an import runs (the import's own batch size). */
    private static final int BATCH = 100;

    @Test
    @SuppressWarnings("unchecked")
    void searches_on_the_index_alone() {
        FeedGenerator feed = new FeedGenerator(SEED);
        List<SearchMix.Search> searches = SearchMix.generate(SEED, REQUESTS);
        long heapBefore = heapAfterGc();
        OfferingIndex index = new OfferingIndex(OfferingDocuments.french(), OfferingDocuments.english());
        long buildStart = System.nanoTime();
        for (int row = 0; row < ROWS; row++) {
            Map<String, Object> offering = feed.offering(row);
            Map<String, String> name = (Map<String, String>) offering.get("name");
            Map<String, String> description = (Map<String, String>) offering.get("description");
            Map<String, Object> provider = (Map<String, Object>) offering.get("provider");
            index.put(new IndexedOffering(
                    new Hit(
                            UUID.nameUUIDFromBytes(((String) offering.get("code")).getBytes()),
                            (String) offering.get("code"),
                            name.get("fr"),
                            name.get("en"),
                            (String) offering.get("category"),
                            (String) provider.get("id"),
                            (String) provider.get("name"),
                            (List<String>) offering.get("tags"),
                            (String) offering.get("slaTier"),
                            "DRAFT".equals(offering.get("status")) ? "DRAFT" : "PUBLISHED",
                            null),
                    description.get("fr"),
                    description.get("en")));
            if (row % BATCH == BATCH - 1) {
                index.publish(row);
            }
        }
        index.publish(ROWS);
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;

        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%n=== search index alone: %,d offerings indexed in %.1f s (%d-row batches, as it follows an import)"
                        + " ===%n",
                index.documents(),
                buildSeconds,
                BATCH));
        List<Long> onSegments = measure(index, searches, out);
        index.compact(1);
        List<Long> merged = measure(index, searches, out);
        long held = heapAfterGc() - heapBefore;
        out.append(String.format(
                Locale.ROOT,
                "heap held by the index, its hits table included, after a full GC: %.1f MB%n",
                held / 1e6));
        System.out.println(out);
        assertThat(index.documents()).isEqualTo(ROWS);
        assertThat(merged).as("merging changes no search's total").isEqualTo(onSegments);
    }

    /**
     * Answers every search twice (the first round warms the JIT up), reports the second round and
     * returns the totals it found.
     */
    private static List<Long> measure(OfferingIndex index, List<SearchMix.Search> searches, StringBuilder out) {
        Latencies all = new Latencies(REQUESTS);
        Map<String, Latencies> byKind = new TreeMap<>();
        List<Long> totals = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            all.reset();
            byKind.clear();
            totals.clear();
            for (SearchMix.Search search : searches) {
                SearchKey key = SearchKey.of(new Query(
                        search.text(),
                        search.category(),
                        search.provider(),
                        search.tag(),
                        "PUBLISHED",
                        search.page(),
                        SearchMix.Search.SIZE,
                        search.sort()));
                long start = System.nanoTime();
                long total = index.search(key).total();
                long elapsed = System.nanoTime() - start;
                all.record(elapsed);
                byKind.computeIfAbsent(search.kind(), kind -> new Latencies(REQUESTS))
                        .record(elapsed);
                totals.add(total);
            }
        }
        out.append(String.format(
                Locale.ROOT,
                "%-40s %9s %9s %9s %9s%n",
                "ms, one thread, " + index.segments() + " segment(s)",
                "p50",
                "p95",
                "p99",
                "max"));
        row(out, "all searches", all.summary());
        byKind.forEach((kind, latencies) -> row(out, kind, latencies.summary()));
        return List.copyOf(totals);
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void row(StringBuilder out, String label, Latencies.Summary summary) {
        out.append(String.format(
                Locale.ROOT,
                "%-40s %9.3f %9.3f %9.3f %9.3f%n",
                label,
                summary.p50(),
                summary.p95(),
                summary.p99(),
                summary.max()));
    }
}
