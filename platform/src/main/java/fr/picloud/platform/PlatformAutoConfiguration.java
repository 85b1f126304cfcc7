package fr.picloud.platform;

import fr.picloud.platform.messaging.EventPublisher;
import fr.picloud.platform.messaging.InboundEventProcessor;
import fr.picloud.platform.messaging.KafkaOutboxRelay;
import fr.picloud.platform.messaging.OutboxResubmitter;
import fr.picloud.platform.messaging.ProcessedEvents;
import fr.picloud.platform.messaging.TopicDeclarations;
import fr.picloud.platform.persistence.PlatformSchemaMigration;
import fr.picloud.platform.validation.JsonSchemaChecks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The plumbing every PI Cloud service gets by depending on this module. */
@AutoConfiguration
@EnableAsync
@EnableScheduling
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventPublisher eventPublisher(
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock,
            @Value("${spring.application.name}") String name,
            MeterRegistry meters) {
        return new EventPublisher(events, json, clock, name, meters);
    }

    /** Producer for the outbox relay: raw bytes (the CloudEvent data), idempotent, all replicas acknowledge. */
    @Bean
    KafkaTemplate<String, byte[]> outboxKafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // the relay sends one event at a time and waits for it: Kafka 4's default 5 ms linger would
        // cost 5 ms per event for nothing
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
        template.setObservationEnabled(true);
        return template;
    }

    @Bean(KafkaOutboxRelay.EXECUTOR)
    ThreadPoolTaskExecutor outboxRelayExecutor(@Value("${picloud.outbox.relay-capacity:10000}") int capacity) {
        return KafkaOutboxRelay.executor(capacity);
    }

    @Bean
    KafkaOutboxRelay kafkaOutboxRelay(
            KafkaTemplate<String, byte[]> outboxKafkaTemplate,
            @Value("${picloud.outbox.send-timeout:PT10S}") Duration sendTimeout,
            @Value("${picloud.outbox.relay-capacity:10000}") int capacity,
            @Value("${picloud.outbox.refusal-memory:PT5M}") Duration refusalMemory) {
        return new KafkaOutboxRelay(outboxKafkaTemplate, sendTimeout, capacity, refusalMemory);
    }

    @Bean
    OutboxResubmitter outboxResubmitter(
            FailedEventPublications failed, @Value("${picloud.outbox.resubmit-min-age:PT2S}") Duration minAge) {
        return new OutboxResubmitter(failed, minAge);
    }

    @Bean
    KafkaAdmin.NewTopics platformTopics(@Value("${picloud.messaging.topics:}") List<String> topics) {
        return TopicDeclarations.of(
                topics.stream().filter(name -> !name.isBlank()).toList());
    }

    /** Events committed but not yet relayed to Kafka: grows while the broker is away, ops alert on it. */
    @Bean
    MeterBinder outboxBacklog(JdbcTemplate jdbc) {
        return registry -> Gauge.builder(
                        "picloud.outbox.backlog",
                        jdbc,
                        db -> db.queryForObject(
                                "select count(*) from event_publication where completion_date is null", Long.class))
                .description("events committed and not yet acknowledged by Kafka")
                .register(registry);
    }

    @Bean
    JsonSchemaChecks jsonSchemaChecks(JsonMapper json) {
        return new JsonSchemaChecks(json);
    }

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }

    @Bean
    InboundEventProcessor inboundEventProcessor(
            JsonMapper json, ProcessedEvents processedEvents, TransactionTemplate transaction, MeterRegistry meters) {
        return new InboundEventProcessor(json, processedEvents, transaction, meters);
    }

    @Bean
    PlatformSchemaMigration platformSchemaMigration() {
        return new PlatformSchemaMigration();
    }
}
