package fr.picloud.catalog.offering.application;

import fr.picloud.catalog.offering.domain.OfferingDetails;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One row of a provider feed, as read: either an offering to create or update, or the reasons it
 * could not be read.
 *
 * @param number the row's number in the feed, from 1
 * @param publish whether the offering should be orderable (the feed's status PUBLISHED)
 */
public record FeedRow(
        long number,
        String code,
        OfferingDetails details,
        Map<PriceUnit, BigDecimal> rates,
        boolean publish,
        List<Violation> unreadable) {

    public static FeedRow unreadable(long number, String code, List<Violation> problems) {
        return new FeedRow(number, code, null, Map.of(), false, problems);
    }
}
