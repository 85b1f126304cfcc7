package fr.picloud.contracts.offering;

import fr.picloud.contracts.LocalizedText;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The full current state of an offering, as every catalogue event carries it: the compacted
 * catalogue topic alone rebuilds any replica.
 *
 * @param revision grows with every change; a replica ignores a revision older than the one it holds
 * @param parameterSchema the JSON Schema an order's parameters must satisfy
 * @param priceLists every price version, oldest first; the one in force on a date is the last one
 *     whose effectiveFrom is on or before it
 * @param maxLifetimeDays when set, every order of the offering carries an end date at most this many
 *     days ahead (a test environment: 90), and the platform decommissions it at that date; null: an
 *     order may carry an end date, or none
 */
public record OfferingState(
        UUID offeringId,
        long revision,
        String code,
        LocalizedText name,
        LocalizedText description,
        String category,
        Provider provider,
        List<String> tags,
        String slaTier,
        String version,
        String status,
        Map<String, Object> parameterSchema,
        ResourceTemplate resourceTemplate,
        List<PriceList> priceLists,
        Integer maxLifetimeDays) {

    /** An offering whose orders may live as long as their owners like. */
    public OfferingState(
            UUID offeringId,
            long revision,
            String code,
            LocalizedText name,
            LocalizedText description,
            String category,
            Provider provider,
            List<String> tags,
            String slaTier,
            String version,
            String status,
            Map<String, Object> parameterSchema,
            ResourceTemplate resourceTemplate,
            List<PriceList> priceLists) {
        this(
                offeringId,
                revision,
                code,
                name,
                description,
                category,
                provider,
                tags,
                slaTier,
                version,
                status,
                parameterSchema,
                resourceTemplate,
                priceLists,
                null);
    }

    public OfferingState {
        Objects.requireNonNull(offeringId, "offeringId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        tags = List.copyOf(Objects.requireNonNullElse(tags, List.of()));
        priceLists = List.copyOf(Objects.requireNonNullElse(priceLists, List.of()));
        if (maxLifetimeDays != null && maxLifetimeDays < 1) {
            throw new IllegalArgumentException("maxLifetimeDays must be at least 1, was " + maxLifetimeDays);
        }
    }

    /** The same offering with another parameter schema. */
    public OfferingState withParameterSchema(Map<String, Object> schema) {
        return new OfferingState(
                offeringId,
                revision,
                code,
                name,
                description,
                category,
                provider,
                tags,
                slaTier,
                version,
                status,
                schema,
                resourceTemplate,
                priceLists,
                maxLifetimeDays);
    }

    /** The same offering with another lifetime ceiling (null: none). */
    public OfferingState withMaxLifetimeDays(Integer days) {
        return new OfferingState(
                offeringId,
                revision,
                code,
                name,
                description,
                category,
                provider,
                tags,
                slaTier,
                version,
                status,
                parameterSchema,
                resourceTemplate,
                priceLists,
                days);
    }

    /** Who provides an offering and what that means for the data entrusted to it. */
    public record Provider(String id, String name, boolean secNumCloud, String dataLocation) {}
}
