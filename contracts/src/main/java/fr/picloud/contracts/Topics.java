package fr.picloud.contracts;

/** Every topic of the platform; {@code asyncapi.yaml} documents each one's key, events and retention. */
public final class Topics {

    /** Compacted, keyed by offering id: the full current state of every offering. */
    public static final String CATALOG_OFFERINGS = "picloud.catalog.offerings";

    private Topics() {}

    /** Where a consumer group parks the messages it cannot process. */
    public static String deadLetterOf(String topic, String consumerGroup) {
        return topic + "." + consumerGroup + ".dlq";
    }
}
