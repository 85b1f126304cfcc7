package fr.picloud.billing.metering.adapter.messaging;

import fr.picloud.billing.metering.application.Metering;
import fr.picloud.contracts.offering.OfferingEvent;
import fr.picloud.contracts.order.OrderPlaced;
import fr.picloud.contracts.provisioning.DecommissionCompleted;
import fr.picloud.contracts.provisioning.OperationCompleted;
import fr.picloud.contracts.provisioning.ProvisioningCompleted;
import fr.picloud.contracts.tenant.TenantUpdated;
import fr.picloud.platform.messaging.InboundEventProcessor;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Bindings {@code catalogOfferings-in-0}, {@code orders-in-0}, {@code provisioningOutcomes-in-0}
 * and {@code tenants-in-0}, consumer group billing-service. Other message types on these topics are
 * not billing's concern and are passed over.
 */
@Configuration
class BillingConsumers {

    static final String PRICES = "billing-service.price-book";
    static final String ORDERS = "billing-service.orders";
    static final String OUTCOMES = "billing-service.metering";
    static final String TENANTS = "billing-service.tenants";

    @Bean
    Consumer<Message<byte[]>> catalogOfferings(InboundEventProcessor inbound, Metering metering) {
        return message -> inbound.process(PRICES, message, event -> {
            if (event.payload() instanceof OfferingEvent offering) {
                metering.replicate(offering);
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> orders(InboundEventProcessor inbound, Metering metering) {
        return message -> inbound.process(ORDERS, message, event -> {
            if (event.payload() instanceof OrderPlaced placed) {
                metering.placed(placed);
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> provisioningOutcomes(InboundEventProcessor inbound, Metering metering) {
        return message -> inbound.process(OUTCOMES, message, event -> {
            switch (event.payload()) {
                case ProvisioningCompleted completed -> metering.provisioned(completed, event.envelope());
                case DecommissionCompleted decommissioned -> metering.decommissioned(decommissioned, event.envelope());
                case OperationCompleted operated -> metering.operated(operated, event.envelope());
                default -> {
                    // failures and compensations leave nothing running to charge
                }
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> tenants(InboundEventProcessor inbound, Metering metering) {
        return message -> inbound.process(TENANTS, message, event -> {
            if (event.payload() instanceof TenantUpdated updated) {
                metering.replicate(updated);
            }
        });
    }
}
