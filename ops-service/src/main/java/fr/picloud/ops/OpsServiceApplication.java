package fr.picloud.ops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * What operators watch all day: every platform event, live and per order, consumer lag, dead
 * letters and their replay, stuck sagas and failed compensations. It only reads the business
 * services' topics (with a consumer group of its own) and writes back only replayed dead letters.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OpsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpsServiceApplication.class, args);
    }
}
