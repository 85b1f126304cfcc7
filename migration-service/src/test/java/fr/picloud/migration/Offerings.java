package fr.picloud.migration;

import fr.picloud.contracts.LocalizedText;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.offering.ResourceTemplate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Object Mother: the catalogue's reference vm-stack (catalog-service's seed), prices included. */
public final class Offerings {

    public static final UUID VM_STACK_ID = UUID.fromString("5b0f3e2a-7d7c-4a55-9b57-4bb0f2b3f001");

    private Offerings() {}

    public static OfferingState vmStack(String status) {
        return vmStack(VM_STACK_ID, 1, status);
    }

    public static OfferingState vmStack(UUID id, long revision, String status) {
        Map<String, Object> schema = Map.of(
                "type",
                "object",
                "additionalProperties",
                false,
                "required",
                List.of("flavor", "diskGb", "image", "instanceCount"),
                "properties",
                Map.of(
                        "flavor", Map.of("type", "string", "enum", List.of("m1.small", "m1.medium", "m1.large")),
                        "diskGb", Map.of("type", "integer", "minimum", 10, "maximum", 2000),
                        "image", Map.of("type", "string", "enum", List.of("debian-12", "rocky-9", "ubuntu-24.04")),
                        "instanceCount", Map.of("type", "integer", "minimum", 1, "maximum", 10),
                        "floatingIp", Map.of("type", "boolean", "default", false)));
        ResourceTemplate template = new ResourceTemplate(
                Map.of(
                        "m1.small", new ResourceTemplate.Flavor(1, 2),
                        "m1.medium", new ResourceTemplate.Flavor(2, 4),
                        "m1.large", new ResourceTemplate.Flavor(4, 8)),
                List.of(
                        new ResourceTemplate.Resource("network", "network", List.of(), null, null, Map.of()),
                        new ResourceTemplate.Resource(
                                "data-volume",
                                "volume",
                                List.of(),
                                "${instanceCount}",
                                null,
                                Map.of("sizeGb", "${diskGb}")),
                        new ResourceTemplate.Resource(
                                "server",
                                "server",
                                List.of("network"),
                                "${instanceCount}",
                                null,
                                Map.of("flavor", "${flavor}", "image", "${image}")),
                        new ResourceTemplate.Resource(
                                "floating-ip", "floating-ip", List.of("server"), null, "${floatingIp}", Map.of())));
        return new OfferingState(
                id,
                revision,
                "vm-stack",
                new LocalizedText("Pile VM", "VM stack"),
                new LocalizedText("Réseau, VM et volume", "Network, VM and volume"),
                "COMPUTE",
                new OfferingState.Provider("pi-cloud", "PI Cloud", true, "FR"),
                List.of("vm"),
                "GOLD",
                "1.0",
                status,
                schema,
                template,
                List.of(new PriceList(
                        1,
                        LocalDate.of(2020, 1, 1),
                        "EUR",
                        Map.of(
                                PriceUnit.VCPU_HOUR, new BigDecimal("0.0125"),
                                PriceUnit.RAM_GB_HOUR, new BigDecimal("0.0042"),
                                PriceUnit.VOLUME_GB_MONTH, new BigDecimal("0.045"),
                                PriceUnit.FLOATING_IP_HOUR, new BigDecimal("0.004"),
                                PriceUnit.SETUP_FEE, new BigDecimal("25")))));
    }
}
