package fr.picloud.migration.sizing.domain;

import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.migration.assessment.domain.ApplicationFacts;
import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.pricing.Footprint;
import fr.picloud.pricing.PricingCalculator;
import fr.picloud.pricing.QuantityCeilings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sizes applications for a VM offering whose parameters are those of the catalogue's reference
 * {@code vm-stack}: {@code flavor} (one of the template's flavors), {@code instanceCount},
 * {@code diskGb} per instance, {@code image} and {@code floatingIp}. The measured vCPU, RAM and storage
 * grow by the headroom; the smallest flavor holding them is chosen, or several instances of the
 * largest; limits come from the offering's parameter schema. The cost is the shared pricing
 * calculation on the price list in force.
 */
public final class TargetSizer {

    private final OfferingState offering;
    private final PriceList prices;
    private final double headroom;
    private final List<Map.Entry<String, ResourceTemplate.Flavor>> flavors;
    private final int minDisk;
    private final int maxDisk;
    private final int maxInstances;
    private final List<String> images;

    /**
     * @param headroom the share added to measured use, e.g. 0.2 for 20 %
     * @throws IllegalArgumentException when the offering has no flavors, no template or no price in force
     */
    public TargetSizer(OfferingState offering, double headroom, LocalDate today) {
        this.offering = Objects.requireNonNull(offering, "offering");
        if (headroom < 0 || headroom > 4) {
            throw new IllegalArgumentException("headroom must be between 0 and 4 (400 %), was " + headroom);
        }
        this.headroom = headroom;
        if (offering.resourceTemplate() == null
                || offering.resourceTemplate().flavors().isEmpty()) {
            throw new IllegalArgumentException("offering " + offering.code() + " has no flavors to size with");
        }
        this.prices = offering.priceLists().stream()
                .filter(list -> !list.effectiveFrom().isAfter(today))
                .reduce((earlier, later) -> later)
                .orElseThrow(() -> new IllegalArgumentException(
                        "offering " + offering.code() + " has no price list in force on " + today));
        this.flavors = offering.resourceTemplate().flavors().entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, ResourceTemplate.Flavor> e) ->
                                e.getValue().vcpus())
                        .thenComparingInt(e -> e.getValue().ramGb())
                        .thenComparing(Map.Entry::getKey))
                .toList();
        Map<String, Object> properties = properties(offering);
        this.minDisk = bound(properties, "diskGb", "minimum", 1);
        this.maxDisk = bound(properties, "diskGb", "maximum", Integer.MAX_VALUE);
        this.maxInstances = bound(properties, "instanceCount", "maximum", 1);
        this.images = enumOf(properties, "image");
    }

    public TargetSizing size(Application application) {
        List<String> notes = new ArrayList<>();
        int neededVcpus = Math.max(1, (int) Math.ceil(application.vcpus() * (1 + headroom)));
        int neededRam = Math.max(1, (int) Math.ceil(application.ramGb() * (1 + headroom)));
        int neededDisk = Math.max(1, (int) Math.ceil(application.storageGb() * (1 + headroom)));
        var flavor = flavors.stream()
                .filter(entry -> entry.getValue().vcpus() >= neededVcpus
                        && entry.getValue().ramGb() >= neededRam)
                .findFirst();
        String flavorName;
        int instances;
        if (flavor.isPresent()) {
            flavorName = flavor.get().getKey();
            instances = 1;
            notes.add("flavor " + flavorName + ": smallest holding " + neededVcpus + " vCPU and " + neededRam
                    + " GB RAM (measured " + application.vcpus() + " and " + application.ramGb() + ", +"
                    + Math.round(headroom * 100) + " % headroom)");
        } else {
            var largest = flavors.getLast();
            flavorName = largest.getKey();
            int wanted = Math.max(
                    ceilDiv(neededVcpus, largest.getValue().vcpus()),
                    ceilDiv(neededRam, largest.getValue().ramGb()));
            instances = Math.min(wanted, maxInstances);
            notes.add(instances + " x " + flavorName + " for " + neededVcpus + " vCPU and " + neededRam
                    + " GB RAM (measured " + application.vcpus() + " and " + application.ramGb() + ", +"
                    + Math.round(headroom * 100) + " % headroom)"
                    + (wanted > instances ? "; capped at the offering's " + maxInstances + " instances" : ""));
        }
        int diskGb = Math.min(maxDisk, Math.max(minDisk, ceilDiv(neededDisk, instances)));
        notes.add("diskGb " + diskGb + " per instance for " + neededDisk + " GB (measured " + application.storageGb()
                + " GB)" + (diskGb * instances < neededDisk ? "; capped at the offering's maximum" : ""));
        String image = image(application);
        notes.add("image " + image + " for " + application.os() + " " + Objects.toString(application.osVersion(), ""));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("flavor", flavorName);
        parameters.put("diskGb", diskGb);
        parameters.put("image", image);
        parameters.put("instanceCount", instances);
        parameters.put("floatingIp", false);
        // the sizer caps at the offering's own maximums, far under the platform's ceilings
        Footprint footprint = Footprint.of(offering.resourceTemplate(), parameters, QuantityCeilings.DEFAULTS);
        var quote = PricingCalculator.monthlyQuote(prices, footprint);
        return new TargetSizing(
                application.id(),
                offering.offeringId(),
                offering.code(),
                parameters,
                Math.toIntExact(footprint.vcpus()),
                Math.toIntExact(footprint.ramGb()),
                Math.toIntExact(footprint.volumeGb()),
                application.monthlyCost(),
                quote.monthlyTotal(),
                List.copyOf(notes));
    }

    /** The image of the same family when the catalogue has one, otherwise its first (a replatform). */
    private String image(Application application) {
        String family = ApplicationFacts.family(application.os());
        String wanted = switch (family) {
            case "rhel", "centos", "rocky", "alma", "oracle" -> "rocky";
            default -> family;
        };
        return images.stream()
                .filter(image -> image.startsWith(wanted))
                .findFirst()
                .orElse(images.isEmpty() ? "debian-12" : images.getFirst());
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(OfferingState offering) {
        if (offering.parameterSchema() != null
                && offering.parameterSchema().get("properties") instanceof Map<?, ?> properties) {
            return (Map<String, Object>) properties;
        }
        return Map.of();
    }

    private static int bound(Map<String, Object> properties, String parameter, String keyword, int fallback) {
        if (properties.get(parameter) instanceof Map<?, ?> schema && schema.get(keyword) instanceof Number number) {
            return number.intValue();
        }
        return fallback;
    }

    private static List<String> enumOf(Map<String, Object> properties, String parameter) {
        if (properties.get(parameter) instanceof Map<?, ?> schema && schema.get("enum") instanceof List<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
