package fr.picloud.migration.bench;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.migration.Offerings;
import fr.picloud.migration.assessment.domain.Assessment;
import fr.picloud.migration.assessment.domain.Assessor;
import fr.picloud.migration.assessment.domain.Recommendation;
import fr.picloud.migration.assessment.domain.ScoringModel;
import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.migration.portfolio.domain.PortfolioGenerator;
import fr.picloud.migration.sizing.domain.TargetSizer;
import fr.picloud.migration.wave.domain.PlanCandidate;
import fr.picloud.migration.wave.domain.PlanParameters;
import fr.picloud.migration.wave.domain.WavePlan;
import fr.picloud.migration.wave.domain.WavePlanner;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assess, size and plan generated portfolios with the shipped scoring model, as {@code POST
 * /api/v1/waves/plan} does between reading the portfolio and storing the plan. Prints the figures of
 * docs/migration.md; not part of {@code verify}: {@code ./mvnw -o -pl migration-service verify
 * -Pbenchmark}. Sizes: {@code -Dbench.sizes=420,10000}, runs per size: {@code -Dbench.runs=7}.
 */
class MigrationBenchmark {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void assess_and_plan_generated_portfolios() throws Exception {
        ScoringModel model;
        try (InputStream in = getClass().getResourceAsStream("/assessment/default-model.json")) {
            model = JsonMapper.builder().build().readValue(in, ScoringModel.class);
        }
        int runs = Integer.getInteger("bench.runs", 7);
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT,
                "cores=%d, java=%s, runs per size=%d (first is warm-up)%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                runs));
        for (String size : System.getProperty("bench.sizes", "420,10000").split(",")) {
            int applications = Integer.parseInt(size.trim());
            List<Application> portfolio = new PortfolioGenerator(2026).generate(applications);
            long[] millis = new long[runs];
            WavePlan plan = null;
            List<Assessment> assessments = null;
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                assessments = new Assessor(model, 1).assessAll(portfolio, TODAY);
                TargetSizer sizer = new TargetSizer(Offerings.vmStack("PUBLISHED"), 0.2, TODAY);
                List<PlanCandidate> candidates = new ArrayList<>(applications);
                for (int i = 0; i < applications; i++) {
                    Application application = portfolio.get(i);
                    Assessment assessment = assessments.get(i);
                    candidates.add(new PlanCandidate(
                            application.id(),
                            application.name(),
                            assessment.combined(),
                            assessment.recommendation(),
                            assessment.recommendationReason(),
                            application.dependencies(),
                            assessment.recommendation().movesNow() ? sizer.size(application) : null));
                }
                int perWave = Math.max(25, applications / 15);
                plan = WavePlanner.plan(
                        candidates,
                        Set.of(),
                        0,
                        new PlanParameters(1.0 / 3, perWave, perWave * 8, LocalDate.of(2027, 1, 4), 14));
                millis[run] = (System.nanoTime() - start) / 1_000_000;
            }
            long[] measured = Arrays.copyOfRange(millis, 1, runs);
            Arrays.sort(measured);
            Map<Recommendation, Integer> mix = new EnumMap<>(Recommendation.class);
            assessments.forEach(assessment -> mix.merge(assessment.recommendation(), 1, Integer::sum));
            int planned = plan.waves().stream()
                    .mapToInt(wave -> wave.members().size())
                    .sum();
            report.append(String.format(
                    Locale.ROOT,
                    "%6d applications: median %d ms, max %d ms (first run %d ms); %d waves, %d planned of target %d;"
                            + " recommendations %s%n",
                    applications,
                    measured[measured.length / 2],
                    measured[measured.length - 1],
                    millis[0],
                    plan.waves().size(),
                    planned,
                    plan.target(),
                    mix));
            long limit = applications <= 420 ? 1_000 : 10_000;
            assertThat(measured[measured.length / 2])
                    .as("median time for %d applications", applications)
                    .isLessThan(limit);
        }
        System.out.print(report);
    }
}
