package fr.picloud.migration.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.migration.portfolio.domain.PortfolioGenerator;
import fr.picloud.migration.wave.domain.DependencyGroups;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sample portfolio: the same for the same seed, realistic in its mix, its clusters and its cycles. */
class PortfolioGeneratorTest {

    private final List<Application> portfolio = new PortfolioGenerator(2026).generate(420);

    @Test
    void the_same_seed_gives_the_same_portfolio() {
        assertThat(new PortfolioGenerator(2026).generate(420)).isEqualTo(portfolio);
        assertThat(new PortfolioGenerator(7).generate(420)).isNotEqualTo(portfolio);
    }

    @Test
    void it_mixes_hostings_and_systems_and_has_dependency_clusters_with_a_few_cycles() {
        assertThat(portfolio).hasSize(420);
        assertThat(portfolio.stream().map(Application::hosting).collect(Collectors.toSet()))
                .hasSize(3);
        assertThat(portfolio.stream().map(Application::os).distinct().count()).isGreaterThanOrEqualTo(6);
        Map<String, List<String>> dependencies =
                portfolio.stream().collect(Collectors.toMap(Application::id, Application::dependencies));
        List<List<String>> groups =
                DependencyGroups.ofIds(portfolio.stream().map(Application::id).toList(), dependencies);
        long cycles = groups.stream().filter(group -> group.size() > 1).count();
        assertThat(cycles).isBetween(1L, 10L);
        assertThat(portfolio.stream()
                        .filter(application -> !application.dependencies().isEmpty())
                        .count())
                .isGreaterThan(150);
        Set<String> ids = portfolio.stream().map(Application::id).collect(Collectors.toSet());
        assertThat(portfolio.stream().flatMap(application -> application.dependencies().stream()))
                .allMatch(ids::contains);
    }

    @Test
    void some_applications_are_obvious_candidates_for_retirement() {
        Map<String, Application> byId =
                portfolio.stream().collect(Collectors.toMap(Application::id, Function.identity()));
        long forgotten = byId.values().stream()
                .filter(application ->
                        application.users() <= 5 && application.endOfSupport().getYear() < 2022)
                .count();
        assertThat(forgotten).isBetween(5L, 60L);
    }
}
