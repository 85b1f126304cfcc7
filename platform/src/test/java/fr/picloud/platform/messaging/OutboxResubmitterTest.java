package fr.picloud.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.ResubmissionOptions;

class OutboxResubmitterTest {

    /**
     * Spring Modulith 2.0.3 reads min(batchSize, batchSize - inFlight) entries, which is negative (a
     * SQL error every run) when more than a batch may be in flight: it skips a run only when in flight
     * reaches maxInFlight, so maxInFlight must not exceed the batch.
     */
    @Test
    void no_more_can_be_in_flight_than_one_batch_so_the_rows_to_read_are_never_negative() {
        ResubmissionOptions options = OutboxResubmitter.options(Duration.ofSeconds(2));

        assertThat(options.getMaxInFlight()).isLessThanOrEqualTo(options.getBatchSize());
        for (int inFlight = 0; inFlight < options.getMaxInFlight(); inFlight++) {
            assertThat(Math.min(options.getBatchSize(), options.getBatchSize() - inFlight))
                    .as("rows read with %d in flight", inFlight)
                    .isPositive();
        }
        assertThat(options.getMinAge()).isEqualTo(Duration.ofSeconds(2));
    }
}
