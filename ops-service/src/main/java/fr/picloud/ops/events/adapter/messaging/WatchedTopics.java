package fr.picloud.ops.events.adapter.messaging;

import fr.picloud.contracts.Topics;
import fr.picloud.platform.messaging.TopicDeclarations;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The topics the ops view reads: every one of contracts' {@link Topics#ALL}, read when the service
 * starts, so a topic added to the contracts is watched without touching this service.
 */
@Configuration
class WatchedTopics {

    private final List<String> names =
            Topics.ALL.stream().map(Topics.Definition::name).toList();

    /** For the listener's topics expression. */
    public String[] names() {
        return names.toArray(String[]::new);
    }

    /** Declared with the contracts' settings, so that reading one first does not create it with broker defaults. */
    @Bean
    KafkaAdmin.NewTopics watchedTopicDeclarations() {
        return TopicDeclarations.of(names);
    }

    /**
     * Storing a batch fails only when the database does: retry it, backing off up to a minute, and
     * never skip it (storing is idempotent, so a batch stored twice is harmless).
     */
    @Bean
    CommonErrorHandler storeRetryingErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(Duration.ofMinutes(1).toMillis());
        return new DefaultErrorHandler(backOff);
    }
}
