package fr.picloud.ops.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The broker clients the ops features share: one admin client (offsets, topics) and short-lived
 * group-less consumers that read dead-letter topics without committing anything.
 */
@Component
public class KafkaClients implements AutoCloseable {

    private final KafkaProperties kafka;
    private final Duration requestTimeout;
    private final Admin admin;

    public KafkaClients(
            KafkaProperties kafka, @Value("${picloud.ops.kafka.request-timeout:PT10S}") Duration requestTimeout) {
        this.kafka = kafka;
        this.requestTimeout = requestTimeout;
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ops-service-admin-" + UUID.randomUUID());
        this.admin = Admin.create(config);
    }

    public Admin admin() {
        return admin;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** A consumer with no group: assign and seek only, nothing committed. */
    public KafkaConsumer<String, byte[]> reader() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ops-service-reader-" + UUID.randomUUID());
        return new KafkaConsumer<>(config);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
