package fr.picloud.platform.test;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Every latency of a benchmark run, kept exactly (no histogram buckets), for exact nearest-rank percentiles. */
public final class Latencies {

    private final long[] nanos;
    private final AtomicInteger count = new AtomicInteger();

    public Latencies(int capacity) {
        nanos = new long[capacity];
    }

    public void record(long elapsedNanos) {
        int slot = count.getAndIncrement();
        if (slot < nanos.length) {
            nanos[slot] = elapsedNanos;
        }
    }

    public void reset() {
        count.set(0);
    }

    public int count() {
        return Math.min(count.get(), nanos.length);
    }

    public Summary summary() {
        long[] sorted = Arrays.copyOf(nanos, count());
        Arrays.sort(sorted);
        return new Summary(
                sorted.length,
                millis(percentile(sorted, 50)),
                millis(percentile(sorted, 95)),
                millis(percentile(sorted, 99)),
                sorted.length == 0 ? 0 : millis(sorted[sorted.length - 1]),
                sorted.length == 0 ? 0 : Arrays.stream(sorted).average().orElse(0) / 1e6);
    }

    /** Milliseconds: count, percentiles (nearest rank), maximum and mean. */
    public record Summary(int count, double p50, double p95, double p99, double max, double mean) {}

    private static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
