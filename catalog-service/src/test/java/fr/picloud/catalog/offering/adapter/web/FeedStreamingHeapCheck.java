package fr.picloud.catalog.offering.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB provider feed read with {@code -Xmx256m}: the heap stays flat whatever the size of the feed
 * or of one of its lines. Run alone, with its figures in docs/catalog-feeds.md:
 * {@code ./mvnw -pl catalog-service -am verify -Pheap-check}.
 */
class FeedStreamingHeapCheck {

    private static final long FEED_BYTES = 200L << 20;
    private static final long HUGE_LINE_CHARS = 100L << 20;
    private static final int SAMPLE_EVERY = 5_000;

    @Test
    void a_200_mb_feed_with_a_100_mb_line_is_read_in_a_flat_heap() {
        String line = FeedReaderTest.offeringLine("heap-check-000000");
        int lines = (int) ((FEED_BYTES - HUGE_LINE_CHARS) / (line.length() + 1));
        GeneratedFeed feed = new GeneratedFeed(
                number -> FeedReaderTest.offeringLine("heap-check-%06d".formatted(number)),
                lines,
                lines / 2,
                HUGE_LINE_CHARS);
        AtomicLong rows = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong maxLiveHeap = new AtomicLong(liveHeap());
        long start = System.nanoTime();

        FeedReaderTest.reader().rows(FeedReader.JSON_LINES, feed).accept(row -> {
            if (!row.unreadable().isEmpty()) {
                rejected.incrementAndGet();
            }
            if (rows.incrementAndGet() % SAMPLE_EVERY == 0) {
                maxLiveHeap.accumulateAndGet(liveHeap(), Math::max);
            }
        });

        double seconds = (System.nanoTime() - start) / 1e9;
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(
                "feed heap check: %d MB read, %d rows (%d rejected), %.1f s, max heap %d MB,"
                        + " live heap after GC at most %d MB%n",
                feed.bytesRead() >> 20, rows.get(), rejected.get(), seconds, maxHeap >> 20, maxLiveHeap.get() >> 20);
        assertThat(feed.bytesRead()).isGreaterThanOrEqualTo(FEED_BYTES - (1 << 20));
        assertThat(rejected).as("the 100 MB line, refused").hasValue(1);
        assertThat(maxLiveHeap.get()).as("live heap").isLessThan(64L << 20);
    }

    /** The heap in use once garbage is collected: what the reading holds. */
    static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
