package fr.picloud.ops.consumers.domain;

/**
 * How far a consumer group is behind on one partition.
 *
 * @param committed the group's committed offset (the next record it will read)
 * @param end the partition's latest offset (where the next record will be written)
 */
public record PartitionLag(String group, String topic, int partition, long committed, long end) {

    /** Records written and not yet processed by the group; never negative (the end is read after the commit). */
    public long lag() {
        return Math.max(0, end - committed);
    }
}
