package fr.picloud.migration.wave.adapter.messaging;

import fr.picloud.contracts.Event;
import fr.picloud.contracts.provisioning.ProvisioningOutcome;
import fr.picloud.migration.wave.application.MigrationTracking;
import fr.picloud.platform.messaging.InboundEventProcessor;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Bindings {@code orderEvents-in-0} (picloud.orders) and {@code provisioningOutcomes-in-0}
 * (picloud.provisioning.outcomes), consumer group migration-service: how launched orders fare.
 */
@Configuration
class MigrationEventsConsumers {

    static final String ORDERS = "migration-service.orders";
    static final String OUTCOMES = "migration-service.provisioning-outcomes";

    @Bean
    Consumer<Message<byte[]>> orderEvents(InboundEventProcessor inbound, MigrationTracking tracking) {
        return message -> inbound.process(ORDERS, message, event -> {
            if (event.payload() instanceof Event orderEvent) {
                tracking.onOrderEvent(orderEvent);
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> provisioningOutcomes(InboundEventProcessor inbound, MigrationTracking tracking) {
        return message -> inbound.process(OUTCOMES, message, event -> {
            if (event.payload() instanceof ProvisioningOutcome outcome) {
                tracking.onProvisioningOutcome(outcome);
            }
        });
    }
}
