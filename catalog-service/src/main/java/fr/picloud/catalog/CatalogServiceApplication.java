package fr.picloud.catalog;

import fr.picloud.pricing.QuantityCeilings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The service catalogue: what can be ordered, with which parameters, at what price. */
@SpringBootApplication
@EnableConfigurationProperties(QuantityCeilings.class)
public class CatalogServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CatalogServiceApplication.class, args);
    }
}
