package fr.picloud.portal.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EndDateFieldTest {

    @Test
    void an_order_lives_through_its_last_day_in_paris() {
        Instant end = EndDateField.endOf(LocalDate.of(2027, 3, 1));

        assertThat(end)
                .as("midnight after 1 March, Paris winter time")
                .isEqualTo(Instant.parse("2027-03-01T23:00:00Z"));
        assertThat(EndDateField.lastDay(end)).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(EndDateField.endOf(LocalDate.of(2027, 7, 14)))
                .as("summer time")
                .isEqualTo(Instant.parse("2027-07-14T22:00:00Z"));
    }

    @Test
    void the_earliest_choice_is_always_a_day_ahead_and_the_latest_within_the_ceiling() {
        for (String now : new String[] {"2027-03-01T22:30:00Z", "2027-03-01T23:30:00Z", "2027-03-01T00:10:00Z"}) {
            Clock clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
            Instant earliest = EndDateField.endOf(EndDateField.earliest(clock));
            Instant latest = EndDateField.endOf(EndDateField.latest(clock, 90));

            assertThat(Duration.between(clock.instant(), earliest))
                    .as("at %s the earliest end is a day ahead at least (order-service's notice)", now)
                    .isGreaterThanOrEqualTo(Duration.ofDays(1));
            assertThat(latest)
                    .as("at %s the latest end is within 90 days", now)
                    .isBeforeOrEqualTo(clock.instant().plus(Duration.ofDays(90)));
        }
        assertThat(EndDateField.latest(Clock.systemUTC(), null)).isNull();
    }

    @Test
    void an_empty_field_is_no_end_date_and_a_broken_one_is_refused() {
        assertThat(EndDateField.parse(" ")).isEmpty();
        assertThat(EndDateField.parse(null)).isEmpty();
        assertThatThrownBy(() -> EndDateField.parse("31/02/2027")).isInstanceOf(IllegalArgumentException.class);
    }
}
