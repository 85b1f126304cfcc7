package fr.picloud.pricing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one order may ask for whatever an offering's schema allows: a provider's schema is not trusted
 * to bound the quantities it prices. The catalogue's quote and order placement apply the same
 * ceilings ({@code picloud.pricing.ceilings.*}); each one unset takes its named default.
 *
 * <p>The annotations are Spring Boot's, an optional dependency: without Spring the record is plain
 * Java and {@link #DEFAULTS} holds the defaults.
 *
 * @param instancesPerOrder servers, over every server resource of the template
 * @param volumesPerOrder volumes, over every volume resource
 * @param floatingIpsPerOrder public addresses
 * @param gbPerVolume the size of one volume
 * @param vcpusPerOrder virtual CPUs over all servers
 * @param ramGbPerOrder RAM over all servers
 * @param volumeGbPerOrder block storage over all volumes
 */
@ConfigurationProperties("picloud.pricing.ceilings")
public record QuantityCeilings(
        @DefaultValue(DEFAULT_INSTANCES_PER_ORDER) long instancesPerOrder,
        @DefaultValue(DEFAULT_VOLUMES_PER_ORDER) long volumesPerOrder,
        @DefaultValue(DEFAULT_FLOATING_IPS_PER_ORDER) long floatingIpsPerOrder,
        @DefaultValue(DEFAULT_GB_PER_VOLUME) long gbPerVolume,
        @DefaultValue(DEFAULT_VCPUS_PER_ORDER) long vcpusPerOrder,
        @DefaultValue(DEFAULT_RAM_GB_PER_ORDER) long ramGbPerOrder,
        @DefaultValue(DEFAULT_VOLUME_GB_PER_ORDER) long volumeGbPerOrder) {

    public static final String DEFAULT_INSTANCES_PER_ORDER = "200";
    public static final String DEFAULT_VOLUMES_PER_ORDER = "400";
    public static final String DEFAULT_FLOATING_IPS_PER_ORDER = "50";
    /** 16 TiB, Cinder's usual largest volume. */
    public static final String DEFAULT_GB_PER_VOLUME = "16384";

    public static final String DEFAULT_VCPUS_PER_ORDER = "3200";
    public static final String DEFAULT_RAM_GB_PER_ORDER = "25600";
    public static final String DEFAULT_VOLUME_GB_PER_ORDER = "409600";

    public static final QuantityCeilings DEFAULTS = new QuantityCeilings(
            Long.parseLong(DEFAULT_INSTANCES_PER_ORDER),
            Long.parseLong(DEFAULT_VOLUMES_PER_ORDER),
            Long.parseLong(DEFAULT_FLOATING_IPS_PER_ORDER),
            Long.parseLong(DEFAULT_GB_PER_VOLUME),
            Long.parseLong(DEFAULT_VCPUS_PER_ORDER),
            Long.parseLong(DEFAULT_RAM_GB_PER_ORDER),
            Long.parseLong(DEFAULT_VOLUME_GB_PER_ORDER));

    public QuantityCeilings {
        // quotas count in int: a ceiling above it would let a total through that no quota can hold
        for (long ceiling : new long[] {
            instancesPerOrder,
            volumesPerOrder,
            floatingIpsPerOrder,
            gbPerVolume,
            vcpusPerOrder,
            ramGbPerOrder,
            volumeGbPerOrder
        }) {
            if (ceiling < 1 || ceiling > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "every quantity ceiling is between 1 and " + Integer.MAX_VALUE + ", was " + ceiling);
            }
        }
    }
}
