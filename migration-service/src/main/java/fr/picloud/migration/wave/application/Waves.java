package fr.picloud.migration.wave.application;

import fr.picloud.migration.wave.domain.Wave;
import fr.picloud.migration.wave.domain.WaveMember;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where plans, their waves and the waves' members are kept. */
public interface Waves {

    /** Serialises planning and launching: held until the end of the transaction. */
    void lockPlanning();

    /** The version of the newest plan, if any plan was made. */
    Optional<Integer> currentPlanVersion();

    /** Stores a plan: its full view (JSON), its new waves and members, and the launched waves it carries over. */
    void savePlan(
            int version,
            Instant at,
            String author,
            Object request,
            Object view,
            List<Wave> newWaves,
            List<WaveMember> newMembers,
            List<UUID> carriedOver);

    /** A stored plan's view, as it was returned when it was made. */
    <T> Optional<T> planView(int version, Class<T> type);

    List<Integer> planVersions();

    /** The waves of a plan, by number. */
    List<Wave> wavesOf(int planVersion);

    /** Whether the wave is part of the plan (created by it, or carried over). */
    boolean inPlan(UUID waveId, int planVersion);

    Optional<Wave> wave(UUID waveId);

    Optional<Wave> lockWave(UUID waveId);

    void updateWave(Wave wave);

    /** A wave's members, by position. */
    List<WaveMember> members(UUID waveId);

    Optional<WaveMember> lockMember(UUID waveId, String applicationId);

    /** The member whose order this is, locked; empty for an order that is not a migration's. */
    Optional<WaveMember> lockMemberByOrder(UUID orderId);

    void updateMember(WaveMember member, Instant at);
}
