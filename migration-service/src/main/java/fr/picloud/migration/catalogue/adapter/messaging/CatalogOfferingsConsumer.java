package fr.picloud.migration.catalogue.adapter.messaging;

import fr.picloud.contracts.offering.OfferingEvent;
import fr.picloud.migration.catalogue.application.OfferingReplicator;
import fr.picloud.platform.messaging.InboundEventProcessor;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code catalogOfferings-in-0}: the catalogue's compacted topic, consumer group migration-service. */
@Configuration
class CatalogOfferingsConsumer {

    static final String CONSUMER = "migration-service.offering-replica";

    @Bean
    Consumer<Message<byte[]>> catalogOfferings(InboundEventProcessor inbound, OfferingReplicator replicator) {
        return message -> inbound.process(CONSUMER, message, event -> {
            if (event.payload() instanceof OfferingEvent offeringEvent) {
                replicator.apply(offeringEvent);
            }
        });
    }
}
