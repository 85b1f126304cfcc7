package fr.picloud.migration.wave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.picloud.migration.assessment.domain.Recommendation;
import fr.picloud.migration.sizing.domain.TargetSizing;
import fr.picloud.migration.wave.domain.DependencyGroups;
import fr.picloud.migration.wave.domain.PlanCandidate;
import fr.picloud.migration.wave.domain.PlanParameters;
import fr.picloud.migration.wave.domain.WavePlan;
import fr.picloud.migration.wave.domain.WavePlanner;
import fr.picloud.platform.domain.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which applications move first, in which wave, and why the others do not. */
class WavePlannerTest {

    private static final LocalDate START = LocalDate.of(2027, 1, 4);

    @Test
    void tarjan_finds_cycles_and_lists_dependencies_first() {
        // a -> b -> c -> b (cycle b,c), d -> a
        List<List<String>> groups = DependencyGroups.ofIds(
                List.of("a", "b", "c", "d"),
                Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("b"), "d", List.of("a")));

        assertThat(groups).containsExactly(List.of("b", "c"), List.of("a"), List.of("d"));
    }

    @Test
    void an_application_never_moves_before_what_it_needs_even_when_it_scores_better() {
        List<PlanCandidate> portfolio = List.of(
                movable("BASE", 40, 2),
                movable("TOP", 95, 2, "BASE"),
                movable("MID", 70, 2),
                stays("OLD", Recommendation.RETIRE));

        WavePlan plan = WavePlanner.plan(portfolio, Set.of(), 0, parameters(1.0, 1, 100));

        Map<String, Integer> waveOf = waveOf(plan);
        assertThat(waveOf.get("BASE")).isLessThan(waveOf.get("TOP"));
        assertThat(reasonOf(plan, "BASE")).contains("needed by [TOP]");
        assertThat(plan.excluded()).extracting(WavePlan.Decision::applicationId).containsExactly("OLD");
        assertThat(plan.excluded().getFirst().reason()).startsWith("retire");
    }

    @Test
    void a_dependency_cycle_moves_together_in_one_wave_after_what_it_needs() {
        List<PlanCandidate> portfolio = List.of(
                movable("DIR", 50, 2),
                movable("A", 90, 2, "B", "DIR"),
                movable("B", 80, 2, "C"),
                movable("C", 85, 2, "A"),
                movable("LONE", 60, 2));

        WavePlan plan = WavePlanner.plan(portfolio, Set.of(), 0, parameters(1.0, 3, 100));

        Map<String, Integer> waveOf = waveOf(plan);
        assertThat(waveOf.get("A")).isEqualTo(waveOf.get("B")).isEqualTo(waveOf.get("C"));
        assertThat(waveOf.get("DIR")).isLessThanOrEqualTo(waveOf.get("A"));
        assertThat(reasonOf(plan, "B")).contains("dependency cycle [A, B, C] moves together");
        plan.waves().forEach(wave -> assertThat(wave.members()).hasSizeLessThanOrEqualTo(3));
    }

    @Test
    void waves_respect_both_capacities_and_are_dated_one_after_the_other() {
        List<PlanCandidate> portfolio = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            portfolio.add(movable("APP-" + i, 50 + i, 8));
        }

        WavePlan plan = WavePlanner.plan(portfolio, Set.of(), 0, new PlanParameters(1.0, 4, 20, START, 14));

        assertThat(plan.waves()).hasSize(5); // 20 vCPU hold two 8-vCPU applications
        plan.waves().forEach(wave -> {
            assertThat(wave.members()).hasSizeLessThanOrEqualTo(4);
            assertThat(wave.vcpus()).isLessThanOrEqualTo(20);
        });
        assertThat(plan.waves().get(1).startDate()).isEqualTo(START.plusDays(14));
        assertThat(plan.waves().get(1).endDate()).isEqualTo(START.plusDays(27));
        assertThat(plan.waves().getFirst().members())
                .extracting(WavePlan.Member::applicationId)
                .containsExactly("APP-9", "APP-8");
    }

    @Test
    void a_group_larger_than_a_wave_is_refused_naming_the_group_and_nothing_is_planned() {
        List<PlanCandidate> portfolio = List.of(
                movable("A", 90, 2, "B"), movable("B", 80, 2, "C"), movable("C", 85, 2, "A"), movable("D", 70, 2));

        assertThatThrownBy(() -> WavePlanner.plan(portfolio, Set.of(), 0, parameters(1.0, 2, 100)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations())
                        .singleElement()
                        .satisfies(violation -> assertThat(violation.message())
                                .contains("dependency group [A, B, C]", "3 applications", "holds 2")));
    }

    @Test
    void the_fraction_limits_how_many_move_and_the_others_are_told_why() {
        List<PlanCandidate> portfolio = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            portfolio.add(movable("APP-" + i, 10 * i, 1));
        }

        WavePlan plan = WavePlanner.plan(portfolio, Set.of(), 0, parameters(1.0 / 3, 10, 100));

        assertThat(plan.target()).isEqualTo(3);
        assertThat(plan.waves().getFirst().members())
                .extracting(WavePlan.Member::applicationId)
                .containsExactly("APP-8", "APP-7", "APP-6");
        assertThat(plan.excluded()).hasSize(6);
        assertThat(plan.excluded().getFirst().reason()).contains("beyond the target of 3 applications");
    }

    @Test
    void what_depends_on_an_application_to_refactor_waits_but_what_stays_does_not_hold_anyone_back() {
        List<PlanCandidate> portfolio = List.of(
                stays("MAINFRAME", Recommendation.REFACTOR),
                stays("KEPT", Recommendation.RETAIN),
                movable("NEEDS-MAINFRAME", 90, 2, "MAINFRAME"),
                movable("NEEDS-KEPT", 80, 2, "KEPT"));

        WavePlan plan = WavePlanner.plan(portfolio, Set.of(), 0, parameters(1.0, 10, 100));

        assertThat(waveOf(plan)).containsOnlyKeys("NEEDS-KEPT");
        assertThat(plan.excluded())
                .filteredOn(decision -> decision.applicationId().equals("NEEDS-MAINFRAME"))
                .singleElement()
                .satisfies(decision ->
                        assertThat(decision.reason()).contains("[MAINFRAME] (refactor), which moves later"));
    }

    @Test
    void applications_of_launched_waves_count_towards_the_target_and_are_left_alone() {
        List<PlanCandidate> portfolio = List.of(
                movable("LAUNCHED", 20, 2), movable("A", 90, 2, "LAUNCHED"), movable("B", 80, 2), movable("C", 70, 2));

        WavePlan plan = WavePlanner.plan(portfolio, Set.of("LAUNCHED"), 3, parameters(0.75, 10, 100));

        assertThat(plan.waves()).singleElement().satisfies(wave -> {
            assertThat(wave.number()).isEqualTo(4);
            assertThat(wave.members())
                    .extracting(WavePlan.Member::applicationId)
                    .containsExactly("A", "B");
        });
        assertThat(plan.excluded()).extracting(WavePlan.Decision::applicationId).containsExactly("C");
    }

    @Test
    void a_fraction_outside_0_to_1_is_refused() {
        assertThatThrownBy(() -> parameters(0, 10, 10)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> parameters(1.5, 10, 10))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations())
                        .extracting(InvalidInputException.Violation::field)
                        .containsExactly("fraction"));
    }

    private static PlanParameters parameters(double fraction, int applications, int vcpus) {
        return new PlanParameters(fraction, applications, vcpus, START, 14);
    }

    private static PlanCandidate movable(String id, double combined, int vcpus, String... dependencies) {
        TargetSizing target = new TargetSizing(
                id,
                UUID.nameUUIDFromBytes("vm-stack".getBytes()),
                "vm-stack",
                Map.of("flavor", "m1.small"),
                vcpus,
                vcpus * 2,
                20,
                new BigDecimal("100.00"),
                new BigDecimal("40.00"),
                List.of());
        return new PlanCandidate(id, id, combined, Recommendation.REHOST, "easy", List.of(dependencies), target);
    }

    private static PlanCandidate stays(String id, Recommendation recommendation) {
        return new PlanCandidate(id, id, 10, recommendation, "by rule", List.of(), null);
    }

    private static Map<String, Integer> waveOf(WavePlan plan) {
        Map<String, Integer> waveOf = new HashMap<>();
        plan.waves()
                .forEach(wave -> wave.members().forEach(member -> waveOf.put(member.applicationId(), wave.number())));
        return waveOf;
    }

    private static String reasonOf(WavePlan plan, String id) {
        return plan.waves().stream()
                .flatMap(wave -> wave.members().stream())
                .filter(member -> member.applicationId().equals(id))
                .findFirst()
                .orElseThrow()
                .reason();
    }
}
