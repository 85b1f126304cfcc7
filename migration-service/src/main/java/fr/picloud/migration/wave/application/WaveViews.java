package fr.picloud.migration.wave.application;

import fr.picloud.migration.wave.application.PlanView.MemberView;
import fr.picloud.migration.wave.application.PlanView.WaveView;
import fr.picloud.migration.wave.domain.Wave;
import fr.picloud.migration.wave.domain.WaveMember;
import java.math.BigDecimal;
import java.util.List;

/** A wave and its members as the API shows them. */
final class WaveViews {

    private WaveViews() {}

    static WaveView of(Wave wave, List<WaveMember> members) {
        return new WaveView(
                wave.id(),
                wave.number(),
                wave.startDate(),
                wave.endDate(),
                wave.launched() ? "LAUNCHED" : "PLANNED",
                members.size(),
                members.stream().mapToInt(WaveMember::vcpus).sum(),
                members.stream().map(WaveMember::costBefore).reduce(BigDecimal.ZERO, BigDecimal::add),
                members.stream().map(WaveMember::costAfter).reduce(BigDecimal.ZERO, BigDecimal::add),
                members.stream().map(WaveViews::of).toList());
    }

    static MemberView of(WaveMember member) {
        return new MemberView(
                member.applicationId(),
                member.name(),
                member.tenant(),
                member.combinedScore(),
                member.reason(),
                member.offeringId(),
                member.offeringCode(),
                member.parameters(),
                member.sizingNotes(),
                member.vcpus(),
                member.costBefore(),
                member.costAfter(),
                member.status().name(),
                member.orderId(),
                member.orderStatus(),
                member.failureReason());
    }
}
