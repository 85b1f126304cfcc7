package fr.picloud.ops;

import fr.picloud.contracts.EventEnvelope;
import fr.picloud.platform.messaging.CloudEventCodec;
import fr.picloud.platform.messaging.OutboundEvent;
import fr.picloud.platform.test.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Platform records as a producing service writes them (CloudEvents binary headers), any type, any time. */
final class Records {

    private Records() {}

    static ProducerRecord<String, byte[]> event(
            String topic,
            String type,
            String subject,
            String tenant,
            String correlationId,
            Instant time,
            String payloadJson) {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(), type, 1, "/picloud/ops-test", subject, time, correlationId, null, tenant);
        return CloudEventCodec.toRecord(new OutboundEvent(topic, subject, envelope, payloadJson));
    }

    static String id(ProducerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("ce_id").value());
    }

    /** Every record a topic holds now, read from its start to its current end (nothing later). */
    static List<ConsumerRecord<String, byte[]>> allOf(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = IntStream.range(
                            0, consumer.partitionsFor(topic).size())
                    .mapToObj(partition -> new TopicPartition(topic, partition))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
