package fr.picloud.billing.chargeback.application;

import fr.picloud.billing.chargeback.domain.Chargeable;
import fr.picloud.billing.chargeback.domain.Period;
import fr.picloud.billing.chargeback.domain.PriceBook;
import fr.picloud.billing.chargeback.domain.TenantTree;
import java.time.Instant;
import java.util.List;

/** What metering recorded, as the rater reads it. */
public interface UsageSource {

    /**
     * Every chargeable usage overlapping the period (resources that ran in it, setup fees due in it).
     *
     * @param tenant one tenant, or {@code null} for all
     */
    List<Chargeable> chargeables(Period period, String tenant);

    PriceBook priceBook();

    TenantTree tenants();

    /** Whether any fact that rating reads changed at or after {@code since} (a late event). */
    boolean changedSince(Instant since);
}
