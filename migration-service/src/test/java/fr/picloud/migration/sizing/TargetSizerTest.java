package fr.picloud.migration.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.migration.Applications;
import fr.picloud.migration.Offerings;
import fr.picloud.migration.sizing.domain.TargetSizer;
import fr.picloud.migration.sizing.domain.TargetSizing;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Flavor and volume from measured use plus headroom; cost from the shared pricing calculation. */
class TargetSizerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void the_smallest_flavor_holding_measured_use_plus_headroom_is_chosen_and_priced() {
        TargetSizer sizer = new TargetSizer(Offerings.vmStack("PUBLISHED"), 0.2, TODAY);

        // 2 vCPU + 20 % = 3 vCPU: m1.small (1) and m1.medium (2) are too small
        TargetSizing sizing =
                sizer.size(Applications.easy("APP-1").vcpus(2).storageGb(100).build());

        assertThat(sizing.parameters())
                .containsEntry("flavor", "m1.large")
                .containsEntry("instanceCount", 1)
                .containsEntry("diskGb", 120)
                .containsEntry("image", "debian-12");
        assertThat(sizing.vcpus()).isEqualTo(4);
        // 4 vCPU x 0.0125 x 730 + 8 GB x 0.0042 x 730 + 120 GB x 0.045 = 36.50 + 24.53 + 5.40
        assertThat(sizing.monthlyCostAfter()).isEqualByComparingTo(new BigDecimal("66.43"));
        assertThat(sizing.monthlyCostBefore()).isEqualByComparingTo(new BigDecimal("300.00"));
    }

    @Test
    void no_headroom_fits_tighter_and_a_large_application_gets_several_instances() {
        TargetSizer tight = new TargetSizer(Offerings.vmStack("PUBLISHED"), 0, TODAY);

        assertThat(tight.size(Applications.easy("APP-1").vcpus(2).build()).parameters())
                .containsEntry("flavor", "m1.medium");
        TargetSizing big =
                tight.size(Applications.easy("APP-2").vcpus(16).os("RHEL", "7").build());
        assertThat(big.parameters())
                .containsEntry("flavor", "m1.large")
                .containsEntry("instanceCount", 4)
                .containsEntry("image", "rocky-9");
    }
}
