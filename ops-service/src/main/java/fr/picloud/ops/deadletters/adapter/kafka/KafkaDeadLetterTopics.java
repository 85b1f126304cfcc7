package fr.picloud.ops.deadletters.adapter.kafka;

import fr.picloud.ops.deadletters.application.DeadLetterTopics;
import fr.picloud.ops.deadletters.domain.DeadLetter;
import fr.picloud.ops.deadletters.domain.MessagePosition;
import fr.picloud.ops.kafka.BrokerUnavailableException;
import fr.picloud.ops.kafka.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Dead-letter topics through the admin client (names, sizes) and group-less readers (assign and seek,
 * nothing committed, so listing never moves anyone's offsets). Replays go through the platform's
 * idempotent producer, acknowledged by all replicas before they are audited.
 */
@Component
class KafkaDeadLetterTopics implements DeadLetterTopics {

    private final KafkaClients kafka;
    private final KafkaTemplate<String, byte[]> producer;
    private final String prefix;

    KafkaDeadLetterTopics(
            KafkaClients kafka,
            KafkaTemplate<String, byte[]> producer,
            @Value("${picloud.ops.dead-letters.topic-prefix:error.}") String prefix) {
        this.kafka = kafka;
        this.producer = producer;
        this.prefix = prefix;
    }

    @Override
    public List<String> names() {
        return await(kafka.admin()
                        .listTopics(new ListTopicsOptions().listInternal(false))
                        .names())
                .stream()
                .filter(name -> name.startsWith(prefix))
                .sorted()
                .toList();
    }

    @Override
    public Map<String, Long> sizes(List<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> descriptions =
                await(kafka.admin().describeTopics(topics).allTopicNames());
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions
                .values()
                .forEach(description -> description.partitions().forEach(partition -> {
                    TopicPartition topicPartition = new TopicPartition(description.name(), partition.partition());
                    earliest.put(topicPartition, OffsetSpec.earliest());
                    latest.put(topicPartition, OffsetSpec.latest());
                }));
        var starts = await(kafka.admin().listOffsets(earliest).all());
        var ends = await(kafka.admin().listOffsets(latest).all());
        Map<String, Long> sizes = new TreeMap<>();
        topics.forEach(topic -> sizes.put(topic, 0L));
        ends.forEach((partition, end) -> sizes.merge(
                partition.topic(),
                Math.max(0, end.offset() - starts.get(partition).offset()),
                Long::sum));
        return sizes;
    }

    @Override
    public List<DeadLetter> newest(String topic, int limit) {
        List<DeadLetter> read = read(topic, limit);
        return read.stream()
                .sorted(Comparator.comparing(DeadLetter::timestamp)
                        .thenComparingLong(DeadLetter::offset)
                        .reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<DeadLetter> all(String topic, int limit) {
        return read(topic, Long.MAX_VALUE).stream().limit(limit).toList();
    }

    /** Reads the last {@code perPartition} records of every partition (all of them with Long.MAX_VALUE). */
    private List<DeadLetter> read(String topic, long perPartition) {
        try (KafkaConsumer<String, byte[]> consumer = kafka.reader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, kafka.requestTimeout()).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, kafka.requestTimeout());
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, kafka.requestTimeout());
            partitions.forEach(partition ->
                    consumer.seek(partition, Math.max(starts.get(partition), ends.get(partition) - perPartition)));
            return readUntil(consumer, ends);
        }
    }

    @Override
    public Optional<DeadLetter> at(MessagePosition position) {
        try (KafkaConsumer<String, byte[]> consumer = kafka.reader()) {
            TopicPartition partition = new TopicPartition(position.topic(), position.partition());
            boolean exists = consumer.partitionsFor(position.topic(), kafka.requestTimeout()).stream()
                    .anyMatch(info -> info.partition() == position.partition());
            if (!exists) {
                return Optional.empty();
            }
            consumer.assign(List.of(partition));
            long start = consumer.beginningOffsets(List.of(partition), kafka.requestTimeout())
                    .get(partition);
            long end = consumer.endOffsets(List.of(partition), kafka.requestTimeout())
                    .get(partition);
            if (position.offset() < start || position.offset() >= end) {
                return Optional.empty();
            }
            consumer.seek(partition, position.offset());
            return readUntil(consumer, Map.of(partition, position.offset() + 1)).stream()
                    .filter(found -> found.offset() == position.offset())
                    .findFirst();
        }
    }

    @Override
    public MessagePosition republish(DeadLetter deadLetter, String topic) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                topic,
                null,
                deadLetter.key(),
                deadLetter.value(),
                deadLetter.replayHeaders().stream()
                        .map(header -> new RecordHeader(header.name(), header.value()))
                        .map(org.apache.kafka.common.header.Header.class::cast)
                        .toList());
        try {
            RecordMetadata sent = producer.send(record)
                    .get(kafka.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .getRecordMetadata();
            return new MessagePosition(sent.topic(), sent.partition(), sent.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while replaying to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BrokerUnavailableException(
                    "the broker did not take the replay to " + topic + ": " + e.getMessage(), e);
        }
    }

    private List<DeadLetter> readUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        List<DeadLetter> read = new ArrayList<>();
        Instant deadline = Instant.now().plus(kafka.requestTimeout());
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new BrokerUnavailableException(
                        "the broker did not hand over " + ends.keySet() + " in time", null);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    read.add(deadLetter(record));
                }
            }
        }
        return read;
    }

    private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> record) {
        List<DeadLetter.Header> headers = new ArrayList<>();
        record.headers().forEach(header -> headers.add(new DeadLetter.Header(header.key(), header.value())));
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                Instant.ofEpochMilli(record.timestamp()),
                record.value(),
                headers);
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(kafka.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while asking the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BrokerUnavailableException("the broker did not answer: " + e.getMessage(), e);
        }
    }
}
