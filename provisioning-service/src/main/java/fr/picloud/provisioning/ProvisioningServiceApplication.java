package fr.picloud.provisioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Drives OpenStack through one durable saga per order and compensates on failure. */
@SpringBootApplication
public class ProvisioningServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProvisioningServiceApplication.class, args);
    }
}
