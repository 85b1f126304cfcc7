package fr.picloud.migration.sizing.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an application becomes in the cloud: an order of a catalogue offering with these parameters,
 * its size and its monthly cost from the offering's prices in force.
 *
 * @param notes how each parameter was chosen, in words
 */
public record TargetSizing(
        String applicationId,
        UUID offeringId,
        String offeringCode,
        Map<String, Object> parameters,
        int vcpus,
        int ramGb,
        int volumeGb,
        BigDecimal monthlyCostBefore,
        BigDecimal monthlyCostAfter,
        List<String> notes) {}
