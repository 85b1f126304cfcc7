package fr.picloud.portal.migration;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.portal.services.MigrationClient.Member;
import fr.picloud.portal.services.MigrationClient.Wave;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WaveChartTest {

    private static Wave wave(int number, String start, String end, int members) {
        List<Member> of = java.util.stream.IntStream.range(0, members)
                .mapToObj(i -> new Member("app-" + i, "App " + i, "police", "PLANNED", null, null))
                .toList();
        return new Wave(UUID.randomUUID(), number, LocalDate.parse(start), LocalDate.parse(end), "PLANNED", of);
    }

    @Test
    void each_wave_is_a_bar_from_its_start_to_its_end_in_its_own_row() {
        WaveChart chart =
                WaveChart.of(List.of(wave(2, "2027-01-15", "2027-01-28", 3), wave(1, "2027-01-01", "2027-01-14", 5)));

        assertThat(chart.bars()).extracting(WaveChart.Bar::number).containsExactly(1, 2);
        WaveChart.Bar first = chart.bars().get(0);
        WaveChart.Bar second = chart.bars().get(1);
        assertThat(first.x()).isEqualTo(WaveChart.LABELS);
        assertThat(second.x()).as("the second starts where the first ends").isEqualTo(first.x() + first.width());
        assertThat(second.y()).isGreaterThan(first.y());
        assertThat(second.x() + second.width()).isLessThanOrEqualTo(chart.width());
        assertThat(first.applications()).isEqualTo(5);
        assertThat(chart.height()).isGreaterThan(second.y() + 20);
    }

    @Test
    void the_scale_marks_the_first_day_of_each_month_the_plan_spans() {
        WaveChart chart = WaveChart.of(List.of(wave(1, "2027-01-10", "2027-03-20", 1)));

        assertThat(chart.ticks())
                .extracting(WaveChart.Tick::month)
                .containsExactly(LocalDate.parse("2027-02-01"), LocalDate.parse("2027-03-01"));
    }

    @Test
    void no_wave_draws_no_bar() {
        assertThat(WaveChart.of(List.of()).bars()).isEmpty();
    }
}
