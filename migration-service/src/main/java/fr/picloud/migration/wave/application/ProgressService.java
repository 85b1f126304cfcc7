package fr.picloud.migration.wave.application;

import fr.picloud.migration.portfolio.application.Portfolio;
import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.migration.wave.domain.MigrationStatus;
import fr.picloud.migration.wave.domain.Wave;
import fr.picloud.migration.wave.domain.WaveMember;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Where the migration stands: counts per status, per wave, the share migrated, and the monthly cost. */
@Service
public class ProgressService {

    private final Portfolio portfolio;
    private final Waves waves;

    public ProgressService(Portfolio portfolio, Waves waves) {
        this.portfolio = portfolio;
        this.waves = waves;
    }

    /**
     * @param byStatus applications per status; NOT_PLANNED for those in no wave of the current plan
     * @param migratedShare migrated applications over the whole portfolio, 0..1
     * @param costBefore the portfolio's monthly cost as declared
     * @param costAfterPlan the monthly cost once every wave of the plan moved
     * @param costNow the monthly cost today: migrated applications at their target price, the rest as declared
     */
    public record Progress(
            int portfolioSize,
            Integer planVersion,
            Map<String, Integer> byStatus,
            double migratedShare,
            BigDecimal costBefore,
            BigDecimal costAfterPlan,
            BigDecimal costNow,
            List<WaveProgress> waves) {}

    public record WaveProgress(
            java.util.UUID id,
            int number,
            String status,
            java.time.LocalDate startDate,
            java.time.LocalDate endDate,
            int applications,
            Map<String, Integer> byStatus,
            BigDecimal costBefore,
            BigDecimal costAfter) {}

    @Transactional(readOnly = true)
    public Progress progress() {
        List<Application> applications = portfolio.all();
        Map<String, BigDecimal> declared = new HashMap<>();
        applications.forEach(application -> declared.put(application.id(), application.monthlyCost()));
        BigDecimal costBefore = declared.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        Integer version = waves.currentPlanVersion().orElse(null);
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        byStatus.put("NOT_PLANNED", 0);
        for (MigrationStatus status : MigrationStatus.values()) {
            byStatus.put(status.name(), 0);
        }
        BigDecimal costAfterPlan = costBefore;
        BigDecimal costNow = costBefore;
        int inWaves = 0;
        int migrated = 0;
        List<WaveProgress> perWave = new ArrayList<>();
        for (Wave wave : version == null ? List.<Wave>of() : waves.wavesOf(version)) {
            List<WaveMember> members = waves.members(wave.id());
            Map<MigrationStatus, Integer> counts = new EnumMap<>(MigrationStatus.class);
            for (MigrationStatus status : MigrationStatus.values()) {
                counts.put(status, 0);
            }
            BigDecimal before = BigDecimal.ZERO;
            BigDecimal after = BigDecimal.ZERO;
            for (WaveMember member : members) {
                counts.merge(member.status(), 1, Integer::sum);
                byStatus.merge(member.status().name(), 1, Integer::sum);
                BigDecimal declaredCost = declared.getOrDefault(member.applicationId(), member.costBefore());
                costAfterPlan = costAfterPlan.subtract(declaredCost).add(member.costAfter());
                if (member.status() == MigrationStatus.MIGRATED) {
                    costNow = costNow.subtract(declaredCost).add(member.costAfter());
                    migrated++;
                }
                before = before.add(member.costBefore());
                after = after.add(member.costAfter());
            }
            inWaves += members.size();
            Map<String, Integer> named = new LinkedHashMap<>();
            counts.forEach((status, count) -> named.put(status.name(), count));
            perWave.add(new WaveProgress(
                    wave.id(),
                    wave.number(),
                    wave.launched() ? "LAUNCHED" : "PLANNED",
                    wave.startDate(),
                    wave.endDate(),
                    members.size(),
                    named,
                    before,
                    after));
        }
        byStatus.put("NOT_PLANNED", applications.size() - inWaves);
        double share = applications.isEmpty()
                ? 0
                : BigDecimal.valueOf(migrated)
                        .divide(BigDecimal.valueOf(applications.size()), 4, RoundingMode.HALF_EVEN)
                        .doubleValue();
        return new Progress(applications.size(), version, byStatus, share, costBefore, costAfterPlan, costNow, perWave);
    }
}
