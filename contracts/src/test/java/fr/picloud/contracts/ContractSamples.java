package fr.picloud.contracts;

import fr.picloud.contracts.offering.OfferingDeprecated;
import fr.picloud.contracts.offering.OfferingPriceChanged;
import fr.picloud.contracts.offering.OfferingPublished;
import fr.picloud.contracts.offering.OfferingRetired;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.OfferingUpdated;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.offering.ResourceTemplate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Object Mother: one canonical instance of every message, used to check it against its schema. */
final class ContractSamples {

    static final OfferingState VM_STACK = new OfferingState(
            UUID.fromString("5b0f3e2a-7d7c-4a55-9b57-4bb0f2b3f001"),
            3,
            "vm-stack",
            new LocalizedText("Pile VM de référence", "Reference VM stack"),
            new LocalizedText("Réseau, VM et volume", "Network, VM and volume"),
            "COMPUTE",
            new OfferingState.Provider("pi-cloud", "PI Cloud", true, "FR"),
            List.of("vm", "linux"),
            "GOLD",
            "1.0",
            "PUBLISHED",
            Map.of("type", "object", "properties", Map.of("flavor", Map.of("enum", List.of("m1.small")))),
            new ResourceTemplate(
                    Map.of("m1.small", new ResourceTemplate.Flavor(1, 2)),
                    List.of(new ResourceTemplate.Resource(
                            "vm", "server", List.of(), "${instanceCount}", null, Map.of("flavor", "${flavor}")))),
            List.of(new PriceList(
                    1, LocalDate.of(2026, 1, 1), "EUR", Map.of(PriceUnit.VCPU_HOUR, new BigDecimal("0.0125")))));

    static final Map<Class<? extends Message>, Message> BY_CLASS = Map.of(
            OfferingPublished.class, new OfferingPublished(VM_STACK),
            OfferingUpdated.class, new OfferingUpdated(VM_STACK),
            OfferingPriceChanged.class, new OfferingPriceChanged(VM_STACK),
            OfferingDeprecated.class, new OfferingDeprecated(VM_STACK),
            OfferingRetired.class, new OfferingRetired(VM_STACK));

    private ContractSamples() {}
}
