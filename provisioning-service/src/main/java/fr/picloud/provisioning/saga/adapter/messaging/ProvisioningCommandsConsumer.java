package fr.picloud.provisioning.saga.adapter.messaging;

import fr.picloud.contracts.order.DecommissionRequested;
import fr.picloud.contracts.order.OperationRequested;
import fr.picloud.contracts.order.ProvisioningRequested;
import fr.picloud.platform.messaging.InboundEventProcessor;
import fr.picloud.provisioning.saga.application.SagaStarter;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code provisioningCommands-in-0}: what order-service asks, consumer group
 * provisioning-service. The inbox makes a redelivered command a no-op; a malformed one goes to the
 * dead-letter topic.
 */
@Configuration
class ProvisioningCommandsConsumer {

    static final String CONSUMER = "provisioning-service.provisioning-commands";

    @Bean
    Consumer<Message<byte[]>> provisioningCommands(InboundEventProcessor inbound, SagaStarter sagas) {
        return message -> inbound.process(CONSUMER, message, received -> {
            switch (received.payload()) {
                case ProvisioningRequested request -> sagas.provision(request);
                case DecommissionRequested request -> sagas.decommission(request);
                case OperationRequested request -> sagas.operate(request);
                default -> {
                    // another service's message on this topic: not ours to act on
                }
            }
        });
    }
}
