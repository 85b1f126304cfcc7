package fr.picloud.order.ordering.adapter.messaging;

import fr.picloud.contracts.provisioning.SagaEvent;
import fr.picloud.order.ordering.application.SagaProgressHandler;
import fr.picloud.platform.messaging.InboundEventProcessor;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code sagaEvents-in-0}: each step of provisioning's sagas, for the orders' progress; group order-service. */
@Configuration
class SagaEventsConsumer {

    static final String CONSUMER = "order-service.saga-events";

    @Bean
    Consumer<Message<byte[]>> sagaEvents(InboundEventProcessor inbound, SagaProgressHandler progress) {
        return message -> inbound.process(CONSUMER, message, event -> {
            if (event.payload() instanceof SagaEvent saga) {
                progress.apply(saga, event.envelope().occurredAt());
            }
        });
    }
}
