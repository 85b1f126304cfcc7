package fr.picloud.contracts;

import fr.picloud.contracts.catalog.OfferingPublished;
import java.util.Map;
import java.util.UUID;

/** Object Mother: one canonical instance of every message, used to check it against its schema. */
final class ContractSamples {

    static final Map<Class<? extends Message>, Message> BY_CLASS = Map.of(
            OfferingPublished.class,
            new OfferingPublished(
                    UUID.fromString("5b0f3e2a-7d7c-4a55-9b57-4bb0f2b3f001"),
                    3,
                    "vm-stack",
                    new LocalizedText("Pile VM de référence", "Reference VM stack"),
                    "COMPUTE",
                    "pi-cloud",
                    "PUBLISHED"));

    private ContractSamples() {}
}
