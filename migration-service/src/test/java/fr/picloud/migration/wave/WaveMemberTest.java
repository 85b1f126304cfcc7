package fr.picloud.migration.wave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.picloud.migration.wave.domain.MigrationStatus;
import fr.picloud.migration.wave.domain.WaveMember;
import fr.picloud.platform.domain.IllegalTransitionException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An application's move: forward only, a late or repeated event changes nothing. */
class WaveMemberTest {

    private static final UUID ORDER = UUID.fromString("0c1d2e3f-4a5b-4c6d-8e7f-a0b1c2d3e4f5");

    @Test
    void launch_provisioning_and_cutover_lead_to_migrated() {
        WaveMember migrated =
                planned().launch(ORDER).orderMoved("APPROVED").provisioned().cutOver();

        assertThat(migrated.status()).isEqualTo(MigrationStatus.MIGRATED);
        assertThat(migrated.orderId()).isEqualTo(ORDER);
    }

    @Test
    void launching_again_keeps_the_first_order_id() {
        WaveMember launched = planned().launch(ORDER);

        assertThat(launched.launch(UUID.randomUUID()).orderId()).isEqualTo(ORDER);
    }

    @Test
    void a_late_failure_after_provisioning_completed_changes_nothing() {
        WaveMember ready = planned().launch(ORDER).provisioned();

        assertThat(ready.provisioningFailed("late")).isEqualTo(ready);
        assertThat(ready.orderEnded("CANCELLED", "late")).isEqualTo(ready);
    }

    @Test
    void compensation_keeps_the_reason_of_the_failure() {
        WaveMember failed = planned().launch(ORDER).provisioningFailed("provisioning failed at server: no host");

        WaveMember compensated = failed.compensated("provisioning undone");

        assertThat(compensated.status()).isEqualTo(MigrationStatus.FAILED);
        assertThat(compensated.failureReason()).isEqualTo("provisioning failed at server: no host");
    }

    @Test
    void only_an_application_ready_for_cutover_can_be_cut_over() {
        assertThatThrownBy(() -> planned().launch(ORDER).cutOver())
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("PROVISIONING");
    }

    private static WaveMember planned() {
        return new WaveMember(
                UUID.randomUUID(),
                "APP-1",
                1,
                "Gestion des effectifs",
                "police",
                null,
                "rehost",
                80,
                UUID.randomUUID(),
                "vm-stack",
                Map.of("flavor", "m1.small"),
                List.of(),
                1,
                new BigDecimal("300.00"),
                new BigDecimal("40.00"),
                MigrationStatus.PLANNED,
                null,
                null,
                null);
    }
}
