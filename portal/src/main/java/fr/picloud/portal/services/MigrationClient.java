package fr.picloud.portal.services;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/** migration-service's API (see its OpenAPI document), as the migration team's page uses it; role migration-lead. */
public class MigrationClient {

    public record Contribution(String score, String factor, String label, double contribution, String evidence) {}

    public record Assessment(
            String applicationId,
            int modelVersion,
            double ease,
            double benefit,
            double combined,
            String recommendation,
            String recommendationReason,
            List<Contribution> explanation) {}

    public record WaveProgress(
            UUID id,
            int number,
            String status,
            LocalDate startDate,
            LocalDate endDate,
            int applications,
            Map<String, Integer> byStatus,
            BigDecimal costBefore,
            BigDecimal costAfter) {}

    public record Progress(
            int portfolioSize,
            Integer planVersion,
            Map<String, Integer> byStatus,
            double migratedShare,
            BigDecimal costBefore,
            BigDecimal costAfterPlan,
            BigDecimal costNow,
            List<WaveProgress> waves) {}

    public record Member(
            String applicationId, String name, String tenant, String status, UUID orderId, String reason) {}

    public record Wave(
            UUID id, int number, LocalDate startDate, LocalDate endDate, String status, List<Member> members) {}

    public record Launch(Wave wave, int ordersRequested) {}

    private final RestClient http;

    MigrationClient(RestClient http) {
        this.http = http;
    }

    public Progress progress() {
        return Problems.raise(http.get().uri("/api/v1/progress").retrieve()).body(Progress.class);
    }

    public List<Assessment> assessments() {
        return Problems.raise(http.get().uri("/api/v1/assessments").retrieve())
                .body(new ParameterizedTypeReference<List<Assessment>>() {});
    }

    /** The current plan's waves with each application's live status. */
    public List<Wave> waves() {
        return Problems.raise(http.get().uri("/api/v1/waves").retrieve())
                .body(new ParameterizedTypeReference<List<Wave>>() {});
    }

    /** Requests one order per application of the wave; launching again requests nothing more. */
    public Launch launch(UUID wave) {
        return Problems.raise(http.post().uri("/api/v1/waves/{id}/launch", wave).retrieve())
                .body(Launch.class);
    }
}
