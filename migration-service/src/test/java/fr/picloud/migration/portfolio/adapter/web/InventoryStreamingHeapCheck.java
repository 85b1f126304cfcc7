package fr.picloud.migration.portfolio.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.migration.portfolio.application.InventoryImport;
import fr.picloud.migration.portfolio.domain.InventoryValidator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB inventory read with {@code -Xmx256m} as the import reads it (its formats, then each row
 * checked and only the valid applications kept): the heap stays flat. Run alone, with its figures in
 * docs/migration.md: {@code ./mvnw -pl migration-service -am verify -Pheap-check}.
 */
class InventoryStreamingHeapCheck {

    private static final long FILE_BYTES = 200L << 20;
    private static final int SAMPLE_EVERY = 50_000;

    private static final String HEADER = String.join(",", InventoryValidator.FIELDS) + "\n";

    private static String row(int number) {
        return "APP-%07d,Application %d,police,MEDIUM,250,VM,debian,12,tomcat,postgresql,2,8,100,INTERNAL,2031-06-30,,,1200.00,CC-1\n"
                .formatted(number, number);
    }

    @Test
    void a_200_mb_inventory_is_read_in_a_flat_heap() {
        int rows = (int) ((FILE_BYTES - HEADER.length()) / row(0).length());
        InputStream file = new SequenceInputStream(new Enumeration<>() {
            private int next;

            @Override
            public boolean hasMoreElements() {
                return next <= rows;
            }

            @Override
            public InputStream nextElement() {
                String text = next++ == 0 ? HEADER : row(next);
                return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            }
        });
        InventoryValidator.Rows checked = new InventoryValidator.Rows(InventoryImport.MAX_APPLICATIONS);
        long[] maxLiveHeap = {liveHeap()};
        long start = System.nanoTime();

        new InventoryFormats().read(InventoryFormats.CSV, file).accept(row -> {
            checked.add(row);
            if (checked.received() % SAMPLE_EVERY == 0) {
                maxLiveHeap[0] = Math.max(maxLiveHeap[0], liveHeap());
            }
        });
        InventoryValidator.Result result = checked.result(Set.of());

        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "inventory heap check: %d rows (%d MB), %d kept, %d refused, %.1f s, max heap %d MB,"
                        + " live heap after GC at most %d MB%n",
                result.received(),
                FILE_BYTES >> 20,
                result.accepted().size(),
                result.rejected(),
                seconds,
                Runtime.getRuntime().maxMemory() >> 20,
                maxLiveHeap[0] >> 20);
        assertThat(result.received()).isEqualTo(rows);
        assertThat(result.accepted()).hasSize(InventoryImport.MAX_APPLICATIONS);
        assertThat(result.errors()).hasSize(InventoryValidator.MAX_LISTED_ERRORS);
        assertThat(maxLiveHeap[0]).as("live heap").isLessThan(128L << 20);
    }

    /** The heap in use once garbage is collected: what the reading holds. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
