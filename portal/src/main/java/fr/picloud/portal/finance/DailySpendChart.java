package fr.picloud.portal.finance;

import fr.picloud.portal.services.BillingClient.DailySpend;
import fr.picloud.portal.services.BillingClient.Day;
import fr.picloud.portal.services.BillingClient.Spend;
import fr.picloud.portal.services.BillingClient.Statement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The month's cumulative spend day by day as a line chart drawn on the server (SVG, no script, no
 * inline style, like {@link SpendChart}): the month's days across, from the 1st at 00:00 to the end of
 * its last day, a point at the end of each day shown with the spend from the 1st to then; for the
 * current month a dashed line from today's point to the projection at the month's end, and the budget
 * as a horizontal line when it falls within twice the spend's scale (further up it would flatten the
 * curve; the summary still says it).
 *
 * @param width the drawing's width in user units
 * @param height its height
 * @param points one per day shown, in order
 * @param line the curve's {@code points} attribute, from the month's start at zero through each point
 * @param projection the dashed line to the month's end, {@code null} without a projection
 * @param budget the budget's line, {@code null} without a budget or beyond the scale
 * @param days the days along the axis, labelled with their number
 * @param amounts the amounts up the axis, a grid line each
 * @param last the last day shown: its cumulative spend is the month's so far
 * @param projected the projected spend at the month's end, {@code null} without one
 * @param budgetTotal the budget of the organisations shown, {@code null} unless billing gives every one
 */
public record DailySpendChart(
        int width,
        int height,
        List<Point> points,
        String line,
        Segment projection,
        Segment budget,
        List<Tick> days,
        List<Level> amounts,
        Point last,
        BigDecimal projected,
        BigDecimal budgetTotal) {

    static final int WIDTH = 960;
    static final int HEIGHT = 320;
    static final int LEFT = 96;
    static final int RIGHT = 16;
    static final int TOP = 16;
    static final int BOTTOM = 36;
    /** At most this many grid lines above the lowest one. */
    static final int GRID_LINES = 5;
    /** A budget beyond this many times the spend's scale is not drawn. */
    static final int BUDGET_REACH = 2;

    /** A day's point: where it is drawn, and what a reader is told about it. */
    public record Point(LocalDate date, int x, int y, BigDecimal amount, BigDecimal cumulative) {}

    /** A straight line between two points of the drawing. */
    public record Segment(int x1, int y1, int x2, int y2) {}

    /** A day's mark along the axis, at the end of that day. */
    public record Tick(int x, int day) {}

    /** An amount's grid line up the axis. */
    public record Level(int y, BigDecimal amount) {}

    /**
     * The chart of a month's daily spend, with the projection and the budget where billing gives them
     * for every statement shown: a partial sum would understate both.
     *
     * @param spends this month's spend of each organisation, empty for a past month
     */
    public static DailySpendChart of(DailySpend daily, List<Statement> statements, Map<String, Spend> spends) {
        boolean everyOne = !statements.isEmpty()
                && statements.stream().allMatch(statement -> spends.containsKey(statement.tenant()));
        BigDecimal projected = null;
        BigDecimal budget = null;
        if (everyOne) {
            List<Spend> known = statements.stream()
                    .map(statement -> spends.get(statement.tenant()))
                    .toList();
            projected = sum(known.stream().map(Spend::projected).toList());
            budget = sum(known.stream().map(Spend::budget).toList());
        }
        return of(YearMonth.parse(daily.period()), daily.days(), projected, budget);
    }

    static DailySpendChart of(YearMonth month, List<Day> days, BigDecimal projected, BigDecimal budget) {
        int length = month.lengthOfMonth();
        boolean monthOver = days.size() >= length;
        BigDecimal projection = monthOver ? null : projected;
        BigDecimal highest = BigDecimal.ZERO;
        BigDecimal lowest = BigDecimal.ZERO;
        for (Day day : days) {
            highest = highest.max(day.cumulative());
            lowest = lowest.min(day.cumulative());
        }
        if (projection != null) {
            highest = highest.max(projection);
        }
        boolean budgetDrawn = budget != null
                && budget.signum() > 0
                && (highest.signum() == 0 || budget.compareTo(highest.multiply(BigDecimal.valueOf(BUDGET_REACH))) <= 0);
        if (budgetDrawn) {
            highest = highest.max(budget);
        }
        Scale scale = Scale.of(lowest, highest);
        int plotWidth = WIDTH - LEFT - RIGHT;
        List<Point> points = new ArrayList<>(days.size());
        for (Day day : days) {
            points.add(new Point(
                    day.date(),
                    LEFT + plotWidth * day.date().getDayOfMonth() / length,
                    scale.y(day.cumulative()),
                    day.amount(),
                    day.cumulative()));
        }
        Point last = points.isEmpty() ? null : points.getLast();
        String line = LEFT + "," + scale.y(BigDecimal.ZERO) + " "
                + points.stream().map(point -> point.x() + "," + point.y()).collect(Collectors.joining(" "));
        Segment projectionLine = projection == null || last == null
                ? null
                : new Segment(last.x(), last.y(), LEFT + plotWidth, scale.y(projection));
        Segment budgetLine = budgetDrawn ? new Segment(LEFT, scale.y(budget), LEFT + plotWidth, scale.y(budget)) : null;
        List<Tick> dayTicks = new ArrayList<>();
        for (int day = 1; day <= length; day++) {
            if (day == 1 || day % 5 == 0 && length - day >= 2 || day == length) {
                dayTicks.add(new Tick(LEFT + plotWidth * day / length, day));
            }
        }
        return new DailySpendChart(
                WIDTH,
                HEIGHT,
                List.copyOf(points),
                line,
                projectionLine,
                budgetLine,
                List.copyOf(dayTicks),
                scale.ticks(),
                last,
                projection,
                budget);
    }

    /** Where the plot starts across: the amounts' labels are to its left. */
    public int plotLeft() {
        return LEFT;
    }

    /** Where the plot ends across. */
    public int plotRight() {
        return WIDTH - RIGHT;
    }

    /** Where the days' numbers are written, below the plot. */
    public int daysBaseline() {
        return HEIGHT - BOTTOM + 20;
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.contains(null) ? null : amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * The amounts up the plot, from the lowest (zero unless credits exceed charges) to a round top
     * just above the highest, in at most {@link #GRID_LINES} round steps.
     */
    private record Scale(BigDecimal low, BigDecimal step, int lines) {

        static Scale of(BigDecimal lowest, BigDecimal highest) {
            BigDecimal span = highest.subtract(lowest);
            BigDecimal step = roundStep(
                    span.signum() == 0
                            ? BigDecimal.ONE
                            : span.divide(BigDecimal.valueOf(GRID_LINES), 10, RoundingMode.CEILING));
            while (true) {
                BigDecimal low = lowest.divide(step, 0, RoundingMode.FLOOR).multiply(step);
                int lines = Math.max(
                        1,
                        highest.subtract(low)
                                .divide(step, 0, RoundingMode.CEILING)
                                .intValue());
                if (lines <= GRID_LINES) {
                    return new Scale(low, step, lines);
                }
                // flooring the lowest amount took a step more than the span needs
                step = roundStep(step.multiply(BigDecimal.valueOf(1.01)));
            }
        }

        /** The smallest of 1, 2 or 5 times a power of ten at or above the raw step. */
        private static BigDecimal roundStep(BigDecimal raw) {
            BigDecimal power = BigDecimal.ONE.movePointLeft(2);
            while (true) {
                for (int factor : new int[] {1, 2, 5}) {
                    BigDecimal step = power.multiply(BigDecimal.valueOf(factor));
                    if (step.compareTo(raw) >= 0) {
                        return step.stripTrailingZeros();
                    }
                }
                power = power.movePointRight(1);
            }
        }

        int y(BigDecimal amount) {
            int plotHeight = HEIGHT - TOP - BOTTOM;
            BigDecimal top = step.multiply(BigDecimal.valueOf(lines));
            return TOP
                    + plotHeight
                    - amount.subtract(low)
                            .multiply(BigDecimal.valueOf(plotHeight))
                            .divide(top, 0, RoundingMode.HALF_UP)
                            .intValue();
        }

        List<Level> ticks() {
            List<Level> levels = new ArrayList<>();
            for (int line = 0; line <= lines; line++) {
                BigDecimal amount = low.add(step.multiply(BigDecimal.valueOf(line)));
                levels.add(new Level(y(amount), amount));
            }
            return List.copyOf(levels);
        }
    }
}
