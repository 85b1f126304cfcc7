package fr.picloud.contracts.migration;

import fr.picloud.contracts.Event;
import fr.picloud.contracts.MessageType;
import fr.picloud.contracts.Topics;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A migration wave was launched: the orders its plan asks for, each for the tenant that owns the
 * application. Full state of the wave's launched members (a relaunch republishes all of them), keyed by
 * wave id on a compacted topic. Published in the transaction that sends the wave's order requests, and
 * before them: order-service places a requested order only if a launched wave names that order for
 * that tenant.
 */
@MessageType(type = "picloud.migration.wave-launched", version = 1, topic = Topics.MIGRATION_WAVES)
public record WaveLaunched(UUID waveId, int planVersion, int number, String lead, List<Member> members)
        implements Event {

    /** One application of the wave and the order requested for it. */
    public record Member(UUID orderId, String tenant, String applicationId) {

        public Member {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(applicationId, "applicationId");
        }
    }

    public WaveLaunched {
        Objects.requireNonNull(waveId, "waveId");
        Objects.requireNonNull(lead, "lead");
        members = List.copyOf(Objects.requireNonNullElse(members, List.of()));
    }

    @Override
    public String aggregateId() {
        return waveId.toString();
    }
}
