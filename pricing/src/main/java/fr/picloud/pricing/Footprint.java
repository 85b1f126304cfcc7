package fr.picloud.pricing;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.offering.ResourceTemplate.Resource;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What a provisioned service consumes, the quantities prices apply to. Every quantity is a
 * {@code long} computed with exact arithmetic and held under {@link QuantityCeilings}: a count or a
 * size that no schema bounded is refused with the parameter it came from, never wrapped.
 *
 * @param vcpus virtual CPUs over all servers
 * @param ramGb RAM over all servers
 * @param volumeGb block storage over all volumes
 * @param floatingIps public addresses
 * @param instances servers
 */
public record Footprint(long vcpus, long ramGb, long volumeGb, long floatingIps, long instances) {

    /** The footprint of an order of {@code template} with {@code parameters}, within {@code ceilings}. */
    public static Footprint of(ResourceTemplate template, Map<String, Object> parameters, QuantityCeilings ceilings) {
        Totals totals = new Totals(ceilings);
        for (Resource declared : template.resources()) {
            TemplateBinder.bind(declared, parameters).ifPresent(bound -> totals.add(template, declared, bound));
        }
        return new Footprint(totals.vcpus, totals.ramGb, totals.volumeGb, totals.floatingIps, totals.instances);
    }

    /** The running totals of one order; each addition is checked against its ceiling as it is made. */
    private static final class Totals {
        private final QuantityCeilings ceilings;
        private long vcpus;
        private long ramGb;
        private long volumeGb;
        private long floatingIps;
        private long instances;
        private long volumes;

        Totals(QuantityCeilings ceilings) {
            this.ceilings = ceilings;
        }

        void add(ResourceTemplate template, Resource declared, Resource bound) {
            String countField = field(declared.count(), declared.name() + ".count");
            long count = whole(bound.count(), declared.name() + ".count", countField);
            switch (ResourceKind.ofWireName(bound.kind()).orElse(ResourceKind.PROJECT)) {
                case SERVER -> {
                    String flavorName = String.valueOf(bound.properties().get("flavor"));
                    ResourceTemplate.Flavor flavor = template.flavors().get(flavorName);
                    if (flavor == null) {
                        throw new PricingException(
                                "flavor " + flavorName + " of " + bound.name() + " is not among the offering's flavors",
                                field(declared.properties().get("flavor"), declared.name() + ".flavor"));
                    }
                    instances = within(instances, count, ceilings.instancesPerOrder(), "instances", countField);
                    vcpus = within(
                            vcpus,
                            times(count, flavor.vcpus(), countField),
                            ceilings.vcpusPerOrder(),
                            "vCPU",
                            countField);
                    ramGb = within(
                            ramGb,
                            times(count, flavor.ramGb(), countField),
                            ceilings.ramGbPerOrder(),
                            "GB of RAM",
                            countField);
                }
                case VOLUME -> {
                    String sizeField = field(declared.properties().get("sizeGb"), declared.name() + ".sizeGb");
                    long sizeGb = whole(bound.properties().get("sizeGb"), declared.name() + ".sizeGb", sizeField);
                    within(0, sizeGb, ceilings.gbPerVolume(), "GB in one volume", sizeField);
                    volumes = within(volumes, count, ceilings.volumesPerOrder(), "volumes", countField);
                    volumeGb = within(
                            volumeGb,
                            times(count, sizeGb, sizeField),
                            ceilings.volumeGbPerOrder(),
                            "GB of volumes",
                            sizeField);
                }
                case FLOATING_IP ->
                    floatingIps =
                            within(floatingIps, count, ceilings.floatingIpsPerOrder(), "floating IPs", countField);
                default -> {
                    // networks, routers, security groups... (and a kind the saga would refuse) are not charged by size
                }
            }
        }

        private static long times(long count, long each, String field) {
            try {
                return Math.multiplyExact(count, each);
            } catch (ArithmeticException e) {
                throw new PricingException("the quantity is beyond what any order may ask for", field);
            }
        }

        private static long within(long total, long added, long ceiling, String what, String field) {
            long sum;
            try {
                sum = Math.addExact(total, added);
            } catch (ArithmeticException e) {
                sum = Long.MAX_VALUE;
            }
            if (sum > ceiling) {
                throw new PricingException(
                        "this order would ask for " + sum + " " + what + ", above the platform's ceiling of " + ceiling
                                + " per order",
                        field);
            }
            return sum;
        }
    }

    /** The order's parameter a template value is, or the template's own field when it is a literal. */
    private static String field(Object declared, String templateField) {
        return TemplateBinder.placeholder(declared)
                .map(parameter -> "parameters." + parameter)
                .orElse("resourceTemplate." + templateField);
    }

    private static long whole(Object value, String what, String field) {
        long number;
        try {
            BigDecimal exact =
                    value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(String.valueOf(value));
            number = exact.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new PricingException(what + " must be a whole number, was " + value, field);
        }
        if (number < 0) {
            throw new PricingException(what + " is never negative, was " + value, field);
        }
        return number;
    }
}
