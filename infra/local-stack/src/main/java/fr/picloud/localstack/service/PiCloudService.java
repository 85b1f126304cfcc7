package fr.picloud.localstack.service;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The services {@code picloud up} launches, each with its port and its own database (the portal has
 * none: it keeps nothing but the user's session, and calls the others' APIs).
 */
public enum PiCloudService {
    CATALOG("catalog-service", 8081, "catalog"),
    ORDER("order-service", 8082, "orders"),
    PROVISIONING("provisioning-service", 8083, "provisioning"),
    BILLING("billing-service", 8084, "billing"),
    MIGRATION("migration-service", 8085, "migration"),
    OPS("ops-service", 8086, "ops"),
    PORTAL("portal", 8080, null);

    private final String module;
    private final int port;
    private final String database;

    PiCloudService(String module, int port, String database) {
        this.module = module;
        this.port = port;
        this.database = database;
    }

    /** The Maven module, which is also the jar's and the log's name. */
    public String module() {
        return module;
    }

    public int port() {
        return port;
    }

    /** The service's database, null for the portal. */
    public String database() {
        return database;
    }

    public static List<String> databases() {
        return Arrays.stream(values())
                .map(PiCloudService::database)
                .filter(Objects::nonNull)
                .toList();
    }
}
