package fr.picloud.migration.wave.application;

import fr.picloud.migration.wave.domain.WavePlan.Decision;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A plan as stored and returned: its request, the waves (launched ones carried over first), why each
 * application is in or out, and the monthly cost before and after.
 *
 * @param target how many applications the fraction asks for
 * @param planned how many are in the plan's waves, launched ones included
 * @param costBefore what the portfolio costs today, per month (declared)
 * @param costAfter what it would cost once the plan's waves moved: targets priced, the rest as today
 */
public record PlanView(
        int version,
        Instant createdAt,
        String createdBy,
        PlanRequest request,
        int scoringModelVersion,
        String targetOffering,
        int portfolioSize,
        int target,
        int planned,
        BigDecimal costBefore,
        BigDecimal costAfter,
        List<WaveView> waves,
        List<Decision> excluded) {

    /** What was asked for. */
    public record PlanRequest(
            double fraction, int maxApplications, int maxVcpus, LocalDate startDate, int waveDays, double headroom) {}

    public record WaveView(
            UUID id,
            int number,
            LocalDate startDate,
            LocalDate endDate,
            String status,
            int applications,
            int vcpus,
            BigDecimal costBefore,
            BigDecimal costAfter,
            List<MemberView> members) {}

    public record MemberView(
            String applicationId,
            String name,
            String tenant,
            double combinedScore,
            String reason,
            UUID offeringId,
            String offeringCode,
            Map<String, Object> parameters,
            List<String> sizingNotes,
            int vcpus,
            BigDecimal costBefore,
            BigDecimal costAfter,
            String status,
            UUID orderId,
            String orderStatus,
            String failureReason) {}
}
