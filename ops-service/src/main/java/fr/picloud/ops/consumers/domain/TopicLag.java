package fr.picloud.ops.consumers.domain;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A consumer group's lag on one topic: the sum over its partitions, with each partition's figures. */
public record TopicLag(String group, String topic, long lag, List<PartitionLag> partitions) {

    public TopicLag {
        partitions = List.copyOf(partitions);
    }

    /** Groups partitions by group and topic, sorted by group then topic. */
    public static List<TopicLag> of(List<PartitionLag> partitions) {
        Map<List<String>, List<PartitionLag>> byGroupAndTopic = new LinkedHashMap<>();
        partitions.stream()
                .sorted(Comparator.comparing(PartitionLag::group)
                        .thenComparing(PartitionLag::topic)
                        .thenComparingInt(PartitionLag::partition))
                .forEach(partition -> byGroupAndTopic
                        .computeIfAbsent(
                                List.of(partition.group(), partition.topic()), key -> new java.util.ArrayList<>())
                        .add(partition));
        return byGroupAndTopic.values().stream()
                .map(group -> new TopicLag(
                        group.getFirst().group(),
                        group.getFirst().topic(),
                        group.stream().mapToLong(PartitionLag::lag).sum(),
                        group))
                .toList();
    }
}
