package fr.picloud.billing.chargeback.adapter.persistence;

import fr.picloud.billing.chargeback.application.StatementStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class BillingMetrics {

    /** Usage billing cannot price yet: finance and ops alert on it growing (see /api/v1/unpriced). */
    @Bean
    MeterBinder unpricedUsage(StatementStore store) {
        return registry -> Gauge.builder("picloud.billing.unpriced", store, StatementStore::heldAsideCount)
                .description("usage held aside because the price book cannot price it")
                .register(registry);
    }
}
