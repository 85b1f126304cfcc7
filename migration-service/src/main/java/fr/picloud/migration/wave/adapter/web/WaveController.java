package fr.picloud.migration.wave.adapter.web;

import fr.picloud.migration.wave.application.LaunchService;
import fr.picloud.migration.wave.application.PlanView;
import fr.picloud.migration.wave.application.PlanView.WaveView;
import fr.picloud.migration.wave.application.PlanningService;
import fr.picloud.migration.wave.application.ProgressService;
import fr.picloud.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Wave plans, their launch, cutover confirmations and the migration's progress. */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasRole('migration-lead')")
class WaveController {

    private final PlanningService planning;
    private final LaunchService launches;
    private final ProgressService progress;

    WaveController(PlanningService planning, LaunchService launches, ProgressService progress) {
        this.planning = planning;
        this.launches = launches;
        this.progress = progress;
    }

    /** Per-wave capacity: at most this many applications and target vCPU. */
    record Capacity(Integer applications, Integer vcpus) {}

    /**
     * @param fraction share of the portfolio to move, in (0, 1]; a third when absent
     * @param waveDays length of a wave in days; 14 when absent
     * @param headroom share added to measured use when sizing; the configured one when absent
     */
    record PlanBody(Double fraction, Capacity capacity, LocalDate startDate, Integer waveDays, Double headroom) {}

    @PostMapping("/waves/plan")
    @Operation(
            operationId = "planWaves",
            summary = "Plan dated, dependency-ordered waves; stored as a new version; launched waves kept as they are")
    // 201 in the OpenAPI document too (the ResponseEntity sets it)
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<PlanView> plan(@RequestBody PlanBody body) {
        Capacity capacity = body.capacity() == null ? new Capacity(null, null) : body.capacity();
        PlanView plan = planning.plan(
                new PlanningService.Request(
                        body.fraction(),
                        capacity.applications(),
                        capacity.vcpus(),
                        body.startDate(),
                        body.waveDays(),
                        body.headroom()),
                CurrentUser.get().subject());
        return ResponseEntity.status(201).body(plan);
    }

    @GetMapping("/waves/plans")
    @Operation(operationId = "listWavePlans", summary = "The version numbers of every stored wave plan")
    List<Integer> planVersions() {
        return planning.versions();
    }

    @GetMapping("/waves/plans/current")
    @Operation(
            operationId = "getCurrentWavePlan",
            summary = "The wave plan in force: its dated waves, their applications and what was left out, with why")
    PlanView currentPlan() {
        return planning.current();
    }

    @GetMapping("/waves/plans/{version}")
    @Operation(operationId = "getWavePlan", summary = "One stored version of the wave plan")
    PlanView plan(@PathVariable int version) {
        return planning.version(version);
    }

    @GetMapping("/waves")
    @Operation(operationId = "listWaves", summary = "The current plan's waves with each application's live status")
    List<WaveView> waves() {
        return launches.currentWaves();
    }

    @GetMapping("/waves/{id}")
    @Operation(operationId = "getWave", summary = "One wave of the current plan with each application's live status")
    WaveView wave(@PathVariable UUID id) {
        return launches.wave(id);
    }

    @PostMapping("/waves/{id}/launch")
    @Operation(
            operationId = "launchWave",
            summary = "Request one order per application of the wave; launching again requests nothing more")
    LaunchService.Launch launch(@PathVariable UUID id) {
        return launches.launch(id, CurrentUser.get().subject());
    }

    @PostMapping("/waves/{id}/applications/{applicationId}/cutover")
    @Operation(
            operationId = "confirmCutover",
            summary = "Confirm the users were switched over: ready for cutover becomes migrated (409 otherwise)")
    PlanView.MemberView cutOver(@PathVariable UUID id, @PathVariable String applicationId) {
        return launches.cutOver(id, applicationId);
    }

    @GetMapping("/progress")
    @Operation(
            operationId = "getMigrationProgress",
            summary = "Counts per status and per wave, share of the portfolio migrated, monthly cost before and after")
    ProgressService.Progress progress() {
        return progress.progress();
    }
}
