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
 * @param maxLifetimeDays when set, an order carries an end date at most this many days ahead; null:
 *     no end date required
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
        ResourceTemplate resourceTemplate,
        Integer maxLifetimeDays) {

    /** An offering whose orders need no end date. */
    public OfferingDetails(
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
        this(
                code,
                name,
                description,
                category,
                provider,
                tags,
                slaTier,
                version,
                parameterSchema,
                resourceTemplate,
                null);
    }

    public OfferingDetails {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(provider, "provider");
        tags = List.copyOf(Objects.requireNonNullElse(tags, List.of()));
        Objects.requireNonNull(parameterSchema, "parameterSchema");
        Objects.requireNonNull(resourceTemplate, "resourceTemplate");
        if (maxLifetimeDays != null && maxLifetimeDays < 1) {
            throw new IllegalArgumentException("maxLifetimeDays must be at least 1");
        }
    }
}
