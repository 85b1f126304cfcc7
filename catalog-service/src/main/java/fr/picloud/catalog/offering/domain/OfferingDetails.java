package fr.picloud.catalog.offering.domain;

import fr.picloud.contracts.LocalizedText;
import fr.picloud.contracts.offering.OfferingState.Provider;
import fr.picloud.contracts.offering.ResourceTemplate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an offering says about itself: everything but its lifecycle and prices.
 *
 * @param parameterSchema the JSON Schema of an order's parameters, as a JSON object tree
 */
public record OfferingDetails(
        String code,
        LocalizedText name,
        LocalizedText description,
        OfferingCategory category,
        Provider provider,
        List<String> tags,
        String slaTier,
        String version,
        Map<String, Object> parameterSchema,
        ResourceTemplate resourceTemplate) {

    public OfferingDetails {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(provider, "provider");
        tags = List.copyOf(Objects.requireNonNullElse(tags, List.of()));
        Objects.requireNonNull(parameterSchema, "parameterSchema");
        Objects.requireNonNull(resourceTemplate, "resourceTemplate");
    }
}
