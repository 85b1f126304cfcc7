package fr.picloud.order.ordering.application;

import fr.picloud.order.ordering.domain.EndDate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How order-service treats orders' end dates ({@code picloud.orders.end-dates.*}).
 *
 * @param minimumNotice how far ahead an end date must be at least when it is set: a day in
 *     production; the local stack lowers it (seconds) so that {@code picloud demo} can show an order
 *     decommissioned at its date without waiting a day. A test and demo setting, documented as such.
 * @param reminderDays how many days before the end a reminder is sent, each once per end date
 * @param interval how often due reminders and ends are looked for
 */
@ConfigurationProperties("picloud.orders.end-dates")
public record EndDateProperties(
        @DefaultValue("P1D") Duration minimumNotice,
        @DefaultValue({"14", "7", "1"}) List<Integer> reminderDays,
        @DefaultValue("PT1M") Duration interval) {

    public EndDateProperties {
        Objects.requireNonNull(minimumNotice, "minimumNotice");
        reminderDays = List.copyOf(reminderDays);
        if (reminderDays.stream().anyMatch(days -> days < 1)) {
            throw new IllegalArgumentException("reminder days must be at least 1: " + reminderDays);
        }
    }

    /** What an end date of an order of this offering must respect (its ceiling null: none). */
    public EndDate.Policy policy(String offeringCode, Integer maxLifetimeDays) {
        return new EndDate.Policy(minimumNotice, maxLifetimeDays, offeringCode);
    }
}
