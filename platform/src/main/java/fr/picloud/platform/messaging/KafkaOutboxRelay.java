package fr.picloud.platform.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends outbox entries to Kafka once their transaction has committed. Spring Modulith's registry
 * marks an entry completed only when this method returns; if the broker is down or the process
 * dies first, the entry stays incomplete and {@link OutboxResubmitter} sends it again later.
 *
 * <p>One relay thread per instance keeps events in commit order on the normal path; consumers
 * still guard against stale revisions because a resubmission can reorder.
 */
public class KafkaOutboxRelay {

    public static final String EXECUTOR = "outboxRelayExecutor";

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration sendTimeout;

    public KafkaOutboxRelay(KafkaTemplate<String, byte[]> kafka, Duration sendTimeout) {
        this.kafka = kafka;
        this.sendTimeout = sendTimeout;
    }

    @Async(EXECUTOR)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @TransactionalEventListener
    public void relay(OutboundEvent event) throws InterruptedException, ExecutionException, TimeoutException {
        kafka.send(CloudEventCodec.toRecord(event)).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
