package fr.picloud.order.offering.adapter.messaging;

import fr.picloud.contracts.offering.OfferingEvent;
import fr.picloud.order.offering.application.OfferingReplicator;
import fr.picloud.platform.messaging.InboundEventProcessor;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code catalogOfferings-in-0}: the catalogue's compacted topic, consumer group order-service. */
@Configuration
class CatalogEventsConsumer {

    static final String CONSUMER = "order-service.offering-replica";

    @Bean
    Consumer<Message<byte[]>> catalogOfferings(InboundEventProcessor inbound, OfferingReplicator replicator) {
        return message -> inbound.process(CONSUMER, message, event -> {
            if (event.payload() instanceof OfferingEvent offeringEvent) {
                replicator.apply(offeringEvent, event.envelope());
            }
        });
    }
}
