package fr.picloud.catalog.offering.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every offering in the price range of its price in force: when a later price list comes into
 * force (at the start of its day), the offerings it belongs to are filed under their new reference
 * price. Runs at start (a day may have turned while the service was down; V6 leaves every older row
 * due) and at the start of every hour, in batches of one transaction each.
 */
@Component
class ReferencePriceRoll {

    private static final Logger log = LoggerFactory.getLogger(ReferencePriceRoll.class);
    static final int BATCH = 500;

    private final OfferingService offerings;

    ReferencePriceRoll(OfferingService offerings) {
        this.offerings = offerings;
    }

    /** A failure here must not stop the service: the next hour's roll takes the same rows again. */
    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        try {
            roll();
        } catch (RuntimeException e) {
            log.warn("could not file the offerings under their reference price at start; the hourly roll will", e);
        }
    }

    @Scheduled(cron = "${picloud.catalog.reference-price-roll:5 0 * * * *}", zone = "UTC")
    void roll() {
        long stored = 0;
        int batch;
        do {
            batch = offerings.rollReferencePrices(BATCH);
            stored += batch;
        } while (batch == BATCH);
        if (stored > 0) {
            log.info("filed {} offerings under the reference price of their price list in force today", stored);
        }
    }
}
