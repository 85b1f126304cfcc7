package fr.picloud.migration.wave.application;

import fr.picloud.contracts.migration.WaveLaunched;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.order.PlaceOrderRequested;
import fr.picloud.migration.catalogue.application.OfferingReplica;
import fr.picloud.migration.wave.application.PlanView.WaveView;
import fr.picloud.migration.wave.domain.Wave;
import fr.picloud.migration.wave.domain.WaveMember;
import fr.picloud.platform.domain.IllegalTransitionException;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.messaging.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Launches a wave: one order per application, for its target offering, on behalf of its owning
 * tenant. Each order id is chosen and stored in the same transaction that sends the request through
 * the outbox, so launching again finds every order already requested and requests nothing.
 */
@Service
public class LaunchService {

    private final Waves waves;
    private final OfferingReplica offerings;
    private final EventPublisher events;
    private final Clock clock;

    public LaunchService(Waves waves, OfferingReplica offerings, EventPublisher events, Clock clock) {
        this.waves = waves;
        this.offerings = offerings;
        this.events = events;
        this.clock = clock;
    }

    /** The wave after launch, and how many orders this call requested (0 when it was launched already). */
    public record Launch(WaveView wave, int ordersRequested) {}

    @Transactional
    public Launch launch(UUID waveId, String lead) {
        waves.lockPlanning();
        Wave wave = waves.lockWave(waveId).orElseThrow(() -> new NotFoundException("no wave " + waveId));
        int current = waves.currentPlanVersion().orElseThrow();
        if (!waves.inPlan(waveId, current)) {
            throw new IllegalTransitionException("wave " + waveId + " belongs to plan version " + wave.planVersion()
                    + ", superseded by version " + current + ": launch a wave of the current plan");
        }
        List<WaveMember> members = waves.members(waveId);
        List<WaveMember> pending =
                members.stream().filter(member -> !member.launched()).toList();
        checkOfferingsOrderable(pending);
        Instant now = clock.instant();
        Map<String, WaveMember> launched = new LinkedHashMap<>();
        for (WaveMember member : pending) {
            WaveMember requested = member.launch(UUID.randomUUID());
            waves.updateMember(requested, now);
            launched.put(requested.applicationId(), requested);
        }
        List<WaveMember> current_members = members.stream()
                .map(member -> launched.getOrDefault(member.applicationId(), member))
                .toList();
        if (!pending.isEmpty()) {
            // before the requests: order-service places a requested order only if a launched wave names it
            events.publish(
                    new WaveLaunched(
                            waveId,
                            wave.planVersion(),
                            wave.number(),
                            lead,
                            current_members.stream()
                                    .filter(WaveMember::launched)
                                    .map(member -> new WaveLaunched.Member(
                                            member.orderId(), member.tenant(), member.applicationId()))
                                    .toList()),
                    null,
                    waveId.toString());
        }
        for (WaveMember requested : launched.values()) {
            events.publish(
                    new PlaceOrderRequested(
                            requested.orderId(),
                            requested.tenant(),
                            lead,
                            requested.offeringId(),
                            requested.costCenter(),
                            requested.parameters(),
                            "migration wave " + wave.number() + ": " + requested.name() + " ("
                                    + requested.applicationId() + ")",
                            Map.of(
                                    "waveId", waveId.toString(),
                                    "applicationId", requested.applicationId(),
                                    "planVersion", Integer.toString(wave.planVersion()))),
                    requested.tenant(),
                    requested.orderId().toString());
        }
        Wave after = wave.launch(lead, now);
        if (after != wave) {
            waves.updateWave(after);
        }
        return new Launch(WaveViews.of(after, current_members), pending.size());
    }

    /** A retired (or unknown) offering cannot be ordered: name each, with the applications needing it. */
    private void checkOfferingsOrderable(List<WaveMember> pending) {
        Map<UUID, List<String>> applicationsByOffering = new HashMap<>();
        pending.forEach(member -> applicationsByOffering
                .computeIfAbsent(member.offeringId(), id -> new ArrayList<>())
                .add(member.applicationId()));
        List<Violation> violations = new ArrayList<>();
        applicationsByOffering.forEach((offeringId, applications) -> {
            Optional<OfferingState> offering = offerings.find(offeringId);
            String status = offering.map(OfferingState::status).orElse("unknown to the catalogue");
            if (!"PUBLISHED".equals(status)) {
                violations.add(new Violation(
                        "offering " + offeringId,
                        "offering " + offering.map(OfferingState::code).orElse(offeringId.toString()) + " ("
                                + offeringId + ") is " + status + " and cannot be ordered; needed by "
                                + applications.stream().sorted().toList() + ": plan again to choose a current one"));
            }
        });
        if (!violations.isEmpty()) {
            throw new InvalidInputException(
                    "the wave needs offerings that can no longer be ordered; nothing was launched", violations);
        }
    }

    /** The lead confirms an application's users were switched over to its new target. */
    @Transactional
    public PlanView.MemberView cutOver(UUID waveId, String applicationId) {
        WaveMember member = waves.lockMember(waveId, applicationId)
                .orElseThrow(() -> new NotFoundException("no application " + applicationId + " in wave " + waveId));
        WaveMember migrated = member.cutOver();
        if (migrated != member) {
            waves.updateMember(migrated, clock.instant());
        }
        return WaveViews.of(migrated);
    }

    @Transactional(readOnly = true)
    public WaveView wave(UUID waveId) {
        Wave wave = waves.wave(waveId).orElseThrow(() -> new NotFoundException("no wave " + waveId));
        return WaveViews.of(wave, waves.members(waveId));
    }

    /** The waves of the current plan with their members' live status. */
    @Transactional(readOnly = true)
    public List<WaveView> currentWaves() {
        return waves.currentPlanVersion()
                .map(version -> waves.wavesOf(version).stream()
                        .map(wave -> WaveViews.of(wave, waves.members(wave.id())))
                        .toList())
                .orElse(List.of());
    }
}
