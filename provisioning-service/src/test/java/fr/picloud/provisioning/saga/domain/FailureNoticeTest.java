package fr.picloud.provisioning.saga.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class FailureNoticeTest {

    private static final UUID SAGA = UUID.fromString("1a2b3c4d-0000-0000-0000-000000000000");

    @Test
    void a_quota_an_image_or_a_flavor_refused_by_openstack_is_named_anything_else_is_a_platform_fault() {
        assertThat(FailureNotice.of(SAGA, "OpenStack compute call 'create server' failed: 403 Quota exceeded for cores")
                        .code())
                .isEqualTo(FailureNotice.Code.OPENSTACK_QUOTA_EXCEEDED);
        assertThat(FailureNotice.of(SAGA, "server-0: image windows-3.11 not found")
                        .code())
                .isEqualTo(FailureNotice.Code.IMAGE_UNAVAILABLE);
        assertThat(FailureNotice.of(SAGA, "server-0: flavor m1.nonexistent not found")
                        .code())
                .isEqualTo(FailureNotice.Code.FLAVOR_UNAVAILABLE);
        assertThat(FailureNotice.of(SAGA, "unexpected: java.lang.NullPointerException")
                        .code())
                .isEqualTo(FailureNotice.Code.PLATFORM_FAULT);
    }

    @Test
    void the_agents_text_is_the_code_both_sentences_and_the_reference_and_nothing_of_the_failure() {
        String full = "the service account could not log in to project p (admin at http://keystone:5000/v3): 401";

        String shown = FailureNotice.of(SAGA, full).forAgents();

        assertThat(shown)
                .startsWith("PLATFORM_FAULT")
                .contains(FailureNotice.Code.PLATFORM_FAULT.french(), FailureNotice.Code.PLATFORM_FAULT.english())
                .contains("PF-1A2B3C4D")
                .doesNotContain("admin", "http", "keystone", "401");
    }
}
