package fr.picloud.catalog.offering.application;

import fr.picloud.catalog.offering.domain.Offering;
import fr.picloud.pricing.QuantityCeilings;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Works out an offering's {@link ReferencePrice} today, for whoever stores the offering. */
@Component
public class ReferencePrices {

    private final QuantityCeilings ceilings;
    private final Clock clock;

    public ReferencePrices(QuantityCeilings ceilings, Clock clock) {
        this.ceilings = ceilings;
        this.clock = clock;
    }

    public ReferencePrice today(Offering offering) {
        return ReferencePrice.of(offering, today(), ceilings);
    }

    /** Today in the catalogue's clock: a price list takes effect at the start of its day. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
