package fr.picloud.ops.consumers.application;

import fr.picloud.ops.consumers.domain.PartitionLag;
import java.util.List;

/** The broker's view of every consumer group's committed offsets against the partitions' ends. */
public interface ConsumerOffsets {

    List<PartitionLag> read();
}
