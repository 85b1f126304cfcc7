package fr.picloud.platform.messaging;

import fr.picloud.contracts.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates, at startup, the topics a service produces or consumes (property
 * {@code picloud.messaging.topics}) with the settings of {@link Topics#ALL}, before any binding
 * could auto-create one with broker defaults.
 */
public final class TopicDeclarations {

    private TopicDeclarations() {}

    public static KafkaAdmin.NewTopics of(List<String> topicNames) {
        return new KafkaAdmin.NewTopics(topicNames.stream()
                .map(name -> Topics.definition(name)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "picloud.messaging.topics names " + name + ", which contracts' Topics.ALL lacks")))
                .map(TopicDeclarations::newTopic)
                .toArray(NewTopic[]::new));
    }

    private static NewTopic newTopic(Topics.Definition topic) {
        TopicBuilder builder = TopicBuilder.name(topic.name()).partitions(topic.partitions());
        if (topic.compacted()) {
            builder.compact().config(TopicConfig.RETENTION_MS_CONFIG, "-1");
        } else {
            builder.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retentionDays() * 86_400_000L));
        }
        return builder.build();
    }
}
