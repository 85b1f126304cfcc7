package fr.picloud.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.contracts.offering.ResourceKind;
import org.junit.jupiter.api.Test;

class ResourceKindTest {

    @Test
    void aKindIsReadBackFromItsWireName() {
        for (ResourceKind kind : ResourceKind.values()) {
            assertThat(ResourceKind.ofWireName(kind.wireName())).contains(kind);
        }
        assertThat(ResourceKind.ofWireName("floating-ip")).contains(ResourceKind.FLOATING_IP);
        assertThat(ResourceKind.ofWireName("FLOATING_IP")).isEmpty();
        assertThat(ResourceKind.ofWireName("load-balancer")).isEmpty();
        assertThat(ResourceKind.ofWireName(null)).isEmpty();
    }

    @Test
    void templatesNameEveryKindButTheProject() {
        assertThat(ResourceKind.templateKinds())
                .startsWith("network, subnet")
                .endsWith("floating-ip")
                .doesNotContain("project");
    }
}
