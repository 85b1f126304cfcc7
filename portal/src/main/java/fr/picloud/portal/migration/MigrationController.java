package fr.picloud.portal.migration;

import fr.picloud.portal.services.MigrationClient;
import fr.picloud.portal.services.MigrationClient.Assessment;
import fr.picloud.portal.services.MigrationClient.Wave;
import fr.picloud.portal.services.ServiceProblem;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The migration team's page: where the portfolio stands (counts per status, share migrated, monthly
 * cost before and after), the current plan's waves as a timeline chart and a table with their launch
 * behind a confirmation, and the portfolio's assessments with the reasons behind each recommendation.
 */
@Controller
class MigrationController {

    static final int PAGE_SIZE = 25;

    private final MigrationClient migration;

    MigrationController(MigrationClient migration) {
        this.migration = migration;
    }

    @GetMapping("/migration")
    String migration(@RequestParam(defaultValue = "0") int page, Model model) {
        List<Wave> waves = migration.waves();
        List<Assessment> assessments = migration.assessments().stream()
                .sorted(Comparator.comparingDouble(Assessment::combined)
                        .reversed()
                        .thenComparing(Assessment::applicationId))
                .toList();
        int pages = Math.max(1, (assessments.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(Math.max(0, page), pages - 1);
        model.addAttribute("progress", migration.progress());
        model.addAttribute("waves", waves);
        model.addAttribute("chart", WaveChart.of(waves));
        model.addAttribute(
                "assessments",
                assessments.subList(shown * PAGE_SIZE, Math.min(assessments.size(), (shown + 1) * PAGE_SIZE)));
        model.addAttribute("assessed", assessments.size());
        model.addAttribute("page", shown);
        model.addAttribute("pages", pages);
        return "migration";
    }

    /** The confirmation page of a wave's launch: one order per application, placed for its tenant. */
    @GetMapping("/migration/waves/{id}/launch")
    String confirmLaunch(@PathVariable UUID id, Model model) {
        Wave wave = migration.waves().stream()
                .filter(candidate -> candidate.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ServiceProblem(404, null));
        model.addAttribute("wave", wave);
        return "migration-launch";
    }

    @PostMapping("/migration/waves/{id}/launch")
    String launch(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("launched", migration.launch(id));
        } catch (ServiceProblem problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            redirect.addFlashAttribute("refusal", problem.detail());
        }
        return "redirect:/migration";
    }
}
