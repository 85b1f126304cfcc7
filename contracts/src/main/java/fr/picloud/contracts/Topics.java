package fr.picloud.contracts;

import java.util.List;
import java.util.Optional;

/** Every topic of the platform; {@code asyncapi.yaml} documents each one's key, events and retention. */
public final class Topics {

    /** Compacted, keyed by offering id: the full current state of every offering. */
    public static final String CATALOG_OFFERINGS = "picloud.catalog.offerings";

    /** Keyed by order id: every fact of an order's life (placed, approved, rejected...). */
    public static final String ORDERS = "picloud.orders";

    /** Keyed by order id: orders other services ask order-service to place (migration waves). */
    public static final String ORDER_REQUESTS = "picloud.orders.requests";

    /** Keyed by order id: what order-service asks provisioning to build or delete. */
    public static final String PROVISIONING_COMMANDS = "picloud.provisioning.commands";

    /** Keyed by order id: what became of each provisioning or decommission request. */
    public static final String PROVISIONING_OUTCOMES = "picloud.provisioning.outcomes";

    /** Keyed by order id: every step of every provisioning and decommission saga (ops view, timelines). */
    public static final String PROVISIONING_SAGAS = "picloud.provisioning.sagas";

    /** Compacted, keyed by tenant id: the full current state of every tenant (hierarchy, cost centres, budget). */
    public static final String TENANTS = "picloud.tenants";

    /**
     * Compacted, keyed by wave id: each launched migration wave with the orders its plan asks for, for
     * which tenant (order-service places a requested order only if a wave names it).
     */
    public static final String MIGRATION_WAVES = "picloud.migration.waves";

    /** Keyed by tenant id: what billing tells the others (budget thresholds crossed). */
    public static final String BILLING = "picloud.billing";

    /**
     * How a topic is created. Every service that produces or consumes a topic declares it from here,
     * so the topic gets the same settings whichever service starts first.
     *
     * @param compacted keep only the newest record per key, forever (a replica rebuilds from it);
     *     otherwise records are deleted after {@code retentionDays}
     */
    public record Definition(String name, int partitions, boolean compacted, int retentionDays) {}

    public static final List<Definition> ALL = List.of(
            new Definition(CATALOG_OFFERINGS, 3, true, -1),
            new Definition(ORDERS, 3, false, 30),
            new Definition(ORDER_REQUESTS, 3, false, 30),
            new Definition(PROVISIONING_COMMANDS, 3, false, 30),
            new Definition(PROVISIONING_OUTCOMES, 3, false, 30),
            new Definition(PROVISIONING_SAGAS, 3, false, 7),
            new Definition(TENANTS, 3, true, -1),
            new Definition(MIGRATION_WAVES, 3, true, -1),
            new Definition(BILLING, 3, false, 30));

    private Topics() {}

    public static Optional<Definition> definition(String name) {
        return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    /** Where the binder parks what a consumer group cannot process (its default naming). */
    public static String deadLetterOf(String topic, String consumerGroup) {
        return "error." + topic + "." + consumerGroup;
    }
}
