package fr.picloud.migration.wave.application;

import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.migration.assessment.application.AssessmentService;
import fr.picloud.migration.assessment.domain.Assessment;
import fr.picloud.migration.catalogue.application.OfferingReplica;
import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.migration.sizing.domain.TargetSizer;
import fr.picloud.migration.wave.application.PlanView.PlanRequest;
import fr.picloud.migration.wave.application.PlanView.WaveView;
import fr.picloud.migration.wave.domain.MigrationStatus;
import fr.picloud.migration.wave.domain.PlanCandidate;
import fr.picloud.migration.wave.domain.PlanParameters;
import fr.picloud.migration.wave.domain.Wave;
import fr.picloud.migration.wave.domain.WaveMember;
import fr.picloud.migration.wave.domain.WavePlan;
import fr.picloud.migration.wave.domain.WavePlanner;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.domain.RuleViolationException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans waves: assesses the portfolio with the model in force, sizes what moves now for the target
 * offering from the catalogue replica, lets {@link WavePlanner} choose and order, and stores the
 * result as a new plan version. Launched waves of the previous plan are carried over untouched.
 */
@Service
public class PlanningService {

    private final AssessmentService assessment;
    private final OfferingReplica offerings;
    private final Waves waves;
    private final Clock clock;
    private final String targetOffering;
    private final double defaultHeadroom;
    private final int defaultWaveDays;

    public PlanningService(
            AssessmentService assessment,
            OfferingReplica offerings,
            Waves waves,
            Clock clock,
            @Value("${picloud.migration.target-offering:vm-stack}") String targetOffering,
            @Value("${picloud.migration.sizing.headroom:0.2}") double defaultHeadroom,
            @Value("${picloud.migration.wave-days:14}") int defaultWaveDays) {
        this.assessment = assessment;
        this.offerings = offerings;
        this.waves = waves;
        this.clock = clock;
        this.targetOffering = targetOffering;
        this.defaultHeadroom = defaultHeadroom;
        this.defaultWaveDays = defaultWaveDays;
    }

    /** A plan request; {@code null} fields take their defaults (a third, 14-day waves, configured headroom). */
    public record Request(
            Double fraction,
            Integer maxApplications,
            Integer maxVcpus,
            LocalDate startDate,
            Integer waveDays,
            Double headroom) {}

    @Transactional
    public PlanView plan(Request request, String author) {
        PlanRequest asked = complete(request);
        PlanParameters parameters = new PlanParameters(
                asked.fraction(), asked.maxApplications(), asked.maxVcpus(), asked.startDate(), asked.waveDays());
        waves.lockPlanning();
        LocalDate today = LocalDate.now(clock);
        AssessmentService.Assessed assessed = assessment.assessAll();
        if (assessed.applications().isEmpty()) {
            throw new RuleViolationException("the portfolio is empty: load an inventory first", "inventory");
        }
        OfferingState offering = offerings.publishedWithCode(targetOffering).stream()
                .findFirst()
                .orElseThrow(() -> new RuleViolationException(
                        "no published offering " + targetOffering + " in the catalogue to move applications to",
                        "targetOffering"));
        TargetSizer sizer;
        try {
            sizer = new TargetSizer(offering, asked.headroom(), today);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), List.of(new Violation("headroom", e.getMessage())));
        }

        List<PlanCandidate> candidates = new ArrayList<>(assessed.applications().size());
        Map<String, Application> byId = new HashMap<>();
        for (int i = 0; i < assessed.applications().size(); i++) {
            Application application = assessed.applications().get(i);
            Assessment result = assessed.assessments().get(i);
            byId.put(application.id(), application);
            candidates.add(new PlanCandidate(
                    application.id(),
                    application.name(),
                    result.combined(),
                    result.recommendation(),
                    result.recommendationReason(),
                    application.dependencies(),
                    result.recommendation().movesNow() ? sizer.size(application) : null));
        }

        Integer previous = waves.currentPlanVersion().orElse(null);
        List<Wave> carried = previous == null
                ? List.of()
                : waves.wavesOf(previous).stream().filter(Wave::launched).toList();
        Set<String> launchedApplications = new HashSet<>();
        Map<UUID, List<WaveMember>> carriedMembers = new HashMap<>();
        for (Wave wave : carried) {
            List<WaveMember> members = waves.members(wave.id());
            carriedMembers.put(wave.id(), members);
            members.forEach(member -> launchedApplications.add(member.applicationId()));
        }
        int lastLaunched = carried.stream().mapToInt(Wave::number).max().orElse(0);

        WavePlan plan = WavePlanner.plan(candidates, launchedApplications, lastLaunched, parameters);

        int version = previous == null ? 1 : previous + 1;
        Instant now = clock.instant();
        List<WaveView> views = new ArrayList<>();
        carried.forEach(wave -> views.add(WaveViews.of(wave, carriedMembers.get(wave.id()))));
        List<Wave> newWaves = new ArrayList<>();
        List<WaveMember> newMembers = new ArrayList<>();
        for (WavePlan.PlannedWave planned : plan.waves()) {
            Wave wave = new Wave(
                    UUID.randomUUID(),
                    version,
                    planned.number(),
                    planned.startDate(),
                    planned.endDate(),
                    false,
                    null,
                    null);
            newWaves.add(wave);
            List<WaveMember> members = new ArrayList<>();
            int position = 0;
            for (WavePlan.Member member : planned.members()) {
                Application application = byId.get(member.applicationId());
                var target = member.candidate().target();
                members.add(new WaveMember(
                        wave.id(),
                        application.id(),
                        ++position,
                        application.name(),
                        application.tenant(),
                        application.costCenter(),
                        member.reason(),
                        member.combined(),
                        target.offeringId(),
                        target.offeringCode(),
                        target.parameters(),
                        target.notes(),
                        target.vcpus(),
                        target.monthlyCostBefore(),
                        target.monthlyCostAfter(),
                        MigrationStatus.PLANNED,
                        null,
                        null,
                        null));
            }
            newMembers.addAll(members);
            views.add(WaveViews.of(wave, members));
        }
        BigDecimal costBefore =
                assessed.applications().stream().map(Application::monthlyCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal saved = views.stream()
                .map(view -> view.costBefore().subtract(view.costAfter()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        PlanView view = new PlanView(
                version,
                now,
                author,
                asked,
                assessed.model().version(),
                offering.code(),
                plan.portfolioSize(),
                plan.target(),
                views.stream().mapToInt(WaveView::applications).sum(),
                costBefore,
                costBefore.subtract(saved),
                List.copyOf(views),
                plan.excluded());
        waves.savePlan(
                version,
                now,
                author,
                asked,
                view,
                newWaves,
                newMembers,
                carried.stream().map(Wave::id).toList());
        return view;
    }

    @Transactional(readOnly = true)
    public PlanView current() {
        int version = waves.currentPlanVersion().orElseThrow(() -> new NotFoundException("no plan was made yet"));
        return version(version);
    }

    @Transactional(readOnly = true)
    public PlanView version(int version) {
        return waves.planView(version, PlanView.class)
                .orElseThrow(() -> new NotFoundException("no plan version " + version));
    }

    @Transactional(readOnly = true)
    public List<Integer> versions() {
        return waves.planVersions();
    }

    private PlanRequest complete(Request request) {
        List<Violation> missing = new ArrayList<>();
        if (request.maxApplications() == null) {
            missing.add(new Violation("capacity.applications", "is required"));
        }
        if (request.maxVcpus() == null) {
            missing.add(new Violation("capacity.vcpus", "is required"));
        }
        if (request.startDate() == null) {
            missing.add(new Violation("startDate", "is required"));
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("the plan request is incomplete", missing);
        }
        return new PlanRequest(
                request.fraction() == null ? 1.0 / 3 : request.fraction(),
                request.maxApplications(),
                request.maxVcpus(),
                request.startDate(),
                request.waveDays() == null ? defaultWaveDays : request.waveDays(),
                request.headroom() == null ? defaultHeadroom : request.headroom());
    }
}
