package fr.picloud.portal.migration;

import fr.picloud.portal.services.MigrationClient.Wave;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The waves of a plan as a timeline chart drawn on the server (an SVG with no script and no inline
 * style, so the page's Content-Security-Policy holds): one bar per wave from its start to its end date,
 * in rows, with a month scale.
 *
 * @param width the drawing's width in user units
 * @param height the drawing's height
 * @param bars one per wave, in wave order
 * @param ticks the first day of each month the plan spans
 */
public record WaveChart(int width, int height, List<Bar> bars, List<Tick> ticks) {

    static final int WIDTH = 960;
    static final int LABELS = 110;
    static final int ROW = 28;
    static final int TOP = 24;

    /** A wave's bar: where it is drawn, and what a reader is told about it. */
    public record Bar(
            int number, String status, int x, int y, int width, int applications, LocalDate start, LocalDate end) {}

    /** A month's mark on the time scale. */
    public record Tick(int x, LocalDate month) {}

    public static WaveChart of(List<Wave> waves) {
        List<Wave> dated = waves.stream()
                .filter(wave -> wave.startDate() != null && wave.endDate() != null)
                .sorted(Comparator.comparingInt(Wave::number))
                .toList();
        if (dated.isEmpty()) {
            return new WaveChart(WIDTH, TOP, List.of(), List.of());
        }
        LocalDate first = dated.stream()
                .map(Wave::startDate)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        LocalDate last =
                dated.stream().map(Wave::endDate).max(Comparator.naturalOrder()).orElseThrow();
        double days = Math.max(1, ChronoUnit.DAYS.between(first, last) + 1);
        double scale = (WIDTH - LABELS - 10) / days;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < dated.size(); i++) {
            Wave wave = dated.get(i);
            int x = LABELS + (int) Math.round(ChronoUnit.DAYS.between(first, wave.startDate()) * scale);
            int width = (int) Math.max(
                    4, Math.round((ChronoUnit.DAYS.between(wave.startDate(), wave.endDate()) + 1) * scale));
            bars.add(new Bar(
                    wave.number(),
                    wave.status(),
                    x,
                    TOP + i * ROW,
                    width,
                    wave.members() == null ? 0 : wave.members().size(),
                    wave.startDate(),
                    wave.endDate()));
        }
        List<Tick> ticks = new ArrayList<>();
        for (LocalDate month = first.withDayOfMonth(1); !month.isAfter(last); month = month.plusMonths(1)) {
            if (!month.isBefore(first)) {
                ticks.add(new Tick(LABELS + (int) Math.round(ChronoUnit.DAYS.between(first, month) * scale), month));
            }
        }
        return new WaveChart(WIDTH, TOP + dated.size() * ROW + 8, List.copyOf(bars), List.copyOf(ticks));
    }
}
