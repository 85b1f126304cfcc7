package fr.picloud.order;

import fr.picloud.order.ordering.application.EndDateProperties;
import fr.picloud.pricing.QuantityCeilings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The portal's API: orders, tenants, quota reservations and approval policies. */
@SpringBootApplication
@EnableConfigurationProperties({QuantityCeilings.class, EndDateProperties.class})
public class OrderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }
}
