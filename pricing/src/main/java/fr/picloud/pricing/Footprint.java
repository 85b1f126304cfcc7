package fr.picloud.pricing;

import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.offering.ResourceTemplate.Resource;
import java.math.BigDecimal;

/**
 * What a provisioned service consumes, the quantities prices apply to.
 *
 * @param vcpus virtual CPUs over all servers
 * @param ramGb RAM over all servers
 * @param volumeGb block storage over all volumes
 * @param floatingIps public addresses
 */
public record Footprint(int vcpus, int ramGb, int volumeGb, int floatingIps) {

    /** The footprint of a bound template (see {@link TemplateBinder#bind}). */
    public static Footprint of(ResourceTemplate bound) {
        int vcpus = 0;
        int ramGb = 0;
        int volumeGb = 0;
        int floatingIps = 0;
        for (Resource resource : bound.resources()) {
            int count = whole(resource.count(), resource.name() + ".count");
            switch (resource.kind()) {
                case "server" -> {
                    String flavorName = String.valueOf(resource.properties().get("flavor"));
                    ResourceTemplate.Flavor flavor = bound.flavors().get(flavorName);
                    if (flavor == null) {
                        throw new PricingException("flavor " + flavorName + " of " + resource.name()
                                + " is not among the offering's flavors");
                    }
                    vcpus += count * flavor.vcpus();
                    ramGb += count * flavor.ramGb();
                }
                case "volume" ->
                    volumeGb += count * whole(resource.properties().get("sizeGb"), resource.name() + ".sizeGb");
                case "floating-ip" -> floatingIps += count;
                default -> {
                    // networks, routers, security groups... are not charged by size
                }
            }
        }
        return new Footprint(vcpus, ramGb, volumeGb, floatingIps);
    }

    private static int whole(Object value, String what) {
        try {
            BigDecimal number =
                    value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(String.valueOf(value));
            return number.intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new PricingException(what + " must be a whole number, was " + value);
        }
    }
}
