package fr.picloud.ops.consumers.application;

import fr.picloud.ops.consumers.domain.TopicLag;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Consumer lag per group and topic, read from the broker on demand and every refresh interval for
 * the gauge {@code picloud.kafka.consumer.lag{group,topic}} (a group that disappears drops out).
 */
@Service
public class ConsumerLagMonitor {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);

    private final ConsumerOffsets offsets;
    private final MultiGauge lagGauge;

    public ConsumerLagMonitor(ConsumerOffsets offsets, MeterRegistry meters) {
        this.offsets = offsets;
        this.lagGauge = MultiGauge.builder("picloud.kafka.consumer.lag")
                .description("records written to a topic and not yet processed by a consumer group")
                .register(meters);
    }

    public List<TopicLag> current() {
        List<TopicLag> lags = TopicLag.of(offsets.read());
        lagGauge.register(
                lags.stream()
                        .map(lag -> MultiGauge.Row.of(Tags.of("group", lag.group(), "topic", lag.topic()), lag.lag()))
                        .toList(),
                true);
        return lags;
    }

    @Scheduled(
            fixedDelayString = "${picloud.ops.kafka.refresh-interval:PT15S}",
            initialDelayString = "${picloud.ops.kafka.refresh-interval:PT15S}")
    void refresh() {
        try {
            current();
        } catch (RuntimeException e) {
            log.warn("could not read consumer lag: {}", e.getMessage());
        }
    }
}
