package fr.picloud.ops.events.adapter.messaging;

import fr.picloud.ops.events.application.EventIngestion;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads every platform topic ({@link WatchedTopics}) with the ops view's own consumer group, in
 * batches, as raw records: the business services' groups, offsets and inboxes are untouched, and a
 * type no service knows yet is shown like the others.
 */
@Component
class PlatformEventsListener {

    static final String LISTENER_ID = "ops-platform-events";

    private final EventIngestion ingestion;

    PlatformEventsListener(EventIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @KafkaListener(
            id = LISTENER_ID,
            groupId = "${picloud.ops.events.consumer-group:ops-service}",
            topics = "#{@watchedTopics.names()}",
            batch = "true",
            properties = {
                "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
                "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                "auto.offset.reset=earliest",
                "max.poll.records=500"
            })
    void onRecords(List<ConsumerRecord<String, byte[]>> records) {
        ingestion.ingest(records.stream().map(CloudEventRecords::read).toList());
    }
}
