package fr.picloud.ops.consumers.adapter.kafka;

import fr.picloud.ops.consumers.application.ConsumerOffsets;
import fr.picloud.ops.consumers.domain.PartitionLag;
import fr.picloud.ops.kafka.BrokerUnavailableException;
import fr.picloud.ops.kafka.KafkaClients;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/** Lag from the admin API: list the groups, their committed offsets, and the partitions' latest offsets. */
@Component
class AdminConsumerOffsets implements ConsumerOffsets {

    private final KafkaClients kafka;

    AdminConsumerOffsets(KafkaClients kafka) {
        this.kafka = kafka;
    }

    @Override
    public List<PartitionLag> read() {
        Admin admin = kafka.admin();
        Collection<ConsumerGroupListing> groups =
                await(admin.listConsumerGroups().all());
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group.groupId(), new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                await(admin.listConsumerGroupOffsets(specs).all());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed
                .values()
                .forEach(offsets -> offsets.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest())));
        if (latest.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                await(admin.listOffsets(latest).all());
        List<PartitionLag> lags = new ArrayList<>();
        committed.forEach((group, offsets) -> offsets.forEach((partition, offset) -> {
            var end = ends.get(partition);
            if (offset != null && end != null) {
                lags.add(new PartitionLag(
                        group, partition.topic(), partition.partition(), offset.offset(), end.offset()));
            }
        }));
        return lags;
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(kafka.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the broker for consumer offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BrokerUnavailableException("the broker did not tell the consumer offsets: " + e.getMessage(), e);
        }
    }
}
