package fr.picloud.provisioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Drives OpenStack through one durable saga per order and compensates on failure. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProvisioningServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProvisioningServiceApplication.class, args);
    }
}
