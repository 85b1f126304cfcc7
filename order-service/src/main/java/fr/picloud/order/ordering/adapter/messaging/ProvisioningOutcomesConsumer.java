package fr.picloud.order.ordering.adapter.messaging;

import fr.picloud.contracts.provisioning.ProvisioningOutcome;
import fr.picloud.order.ordering.application.ProvisioningOutcomeHandler;
import fr.picloud.platform.messaging.InboundEventProcessor;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code provisioningOutcomes-in-0}: what provisioning reports, consumer group order-service. */
@Configuration
class ProvisioningOutcomesConsumer {

    static final String CONSUMER = "order-service.provisioning-outcomes";

    @Bean
    Consumer<Message<byte[]>> provisioningOutcomes(InboundEventProcessor inbound, ProvisioningOutcomeHandler outcomes) {
        return message -> inbound.process(CONSUMER, message, event -> {
            if (event.payload() instanceof ProvisioningOutcome outcome) {
                outcomes.apply(outcome);
            }
        });
    }
}
