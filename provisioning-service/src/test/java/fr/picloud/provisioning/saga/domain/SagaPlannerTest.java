package fr.picloud.provisioning.saga.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.offering.ResourceTemplate.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SagaPlannerTest {

    /** The reference VM stack, bound for two servers with a floating IP. */
    static ResourceTemplate vmStack(int instances, boolean floatingIp) {
        return new ResourceTemplate(
                Map.of("m1.small", new ResourceTemplate.Flavor(1, 2)),
                List.of(
                        new Resource("network", "network", List.of(), null, null, Map.of()),
                        new Resource(
                                "subnet", "subnet", List.of("network"), null, null, Map.of("cidr", "10.10.0.0/24")),
                        new Resource("router", "router", List.of(), null, null, Map.of("externalNetwork", "public")),
                        new Resource(
                                "router-interface",
                                "router-interface",
                                List.of("router", "subnet"),
                                null,
                                null,
                                Map.of()),
                        new Resource("security-group", "security-group", List.of(), null, null, Map.of()),
                        new Resource("keypair", "keypair", List.of(), null, null, Map.of()),
                        new Resource("data-volume", "volume", List.of(), instances, null, Map.of("sizeGb", 20)),
                        new Resource(
                                "server",
                                "server",
                                List.of("subnet", "security-group", "keypair"),
                                instances,
                                null,
                                Map.of("flavor", "m1.small", "image", "debian-12")),
                        new Resource(
                                "volume-attachment",
                                "volume-attachment",
                                List.of("server", "data-volume"),
                                null,
                                null,
                                Map.of()),
                        new Resource(
                                "floating-ip",
                                "floating-ip",
                                List.of("server", "router-interface"),
                                null,
                                floatingIp,
                                Map.of("network", "public"))));
    }

    @Test
    void counted_resources_become_one_step_each_and_attachments_pair_by_index() {
        List<StepPlan> steps = SagaPlanner.plan(vmStack(2, true));

        assertThat(steps)
                .extracting(StepPlan::name)
                .containsExactly(
                        "project",
                        "network",
                        "subnet",
                        "router",
                        "router-interface",
                        "security-group",
                        "keypair",
                        "data-volume-0",
                        "data-volume-1",
                        "server-0",
                        "server-1",
                        "volume-attachment-0",
                        "volume-attachment-1",
                        "floating-ip");
        StepPlan attachment = steps.stream()
                .filter(step -> step.name().equals("volume-attachment-1"))
                .findFirst()
                .orElseThrow();
        assertThat(attachment.inputs()).containsEntry("server", "server-1").containsEntry("volume", "data-volume-1");
        StepPlan floatingIp = steps.getLast();
        assertThat(floatingIp.dependsOn()).contains("project", "server-0", "server-1", "router-interface");
        assertThat(floatingIp.inputs()).containsEntry("server", "server-0");
        assertThat(steps.get(2).inputs()).containsEntry("network", "network");
    }

    @Test
    void every_step_comes_after_what_it_depends_on() {
        List<StepPlan> steps = SagaPlanner.plan(vmStack(3, true));
        for (int i = 0; i < steps.size(); i++) {
            List<String> before =
                    steps.subList(0, i).stream().map(StepPlan::name).toList();
            assertThat(before)
                    .as("before %s", steps.get(i).name())
                    .containsAll(steps.get(i).dependsOn());
        }
    }

    @Test
    void a_resource_whose_condition_is_false_is_not_planned() {
        assertThat(SagaPlanner.plan(vmStack(1, false)))
                .extracting(StepPlan::name)
                .doesNotContain("floating-ip");
    }

    @Test
    void an_unknown_dependency_an_unknown_kind_and_a_cycle_are_refused_with_the_resource_named() {
        assertThatThrownBy(() -> SagaPlanner.plan(new ResourceTemplate(
                        Map.of(), List.of(new Resource("subnet", "subnet", List.of("net"), null, null, Map.of())))))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("'subnet' depends on 'net'");
        assertThatThrownBy(() -> SagaPlanner.plan(new ResourceTemplate(
                        Map.of(), List.of(new Resource("db", "database", List.of(), null, null, Map.of())))))
                .hasMessageContaining("'db' has kind 'database'");
        assertThatThrownBy(() -> SagaPlanner.plan(new ResourceTemplate(
                        Map.of(),
                        List.of(
                                new Resource("a", "network", List.of("b"), null, null, Map.of()),
                                new Resource("b", "network", List.of("a"), null, null, Map.of())))))
                .hasMessageContaining("cycle");
    }

    @Test
    void a_template_bound_with_explicit_counts_of_one_pairs_only_what_has_the_same_count() {
        // order-service's binder writes count 1 where the offering's template says nothing
        ResourceTemplate bound = new ResourceTemplate(
                Map.of(),
                List.of(
                        new Resource("network", "network", List.of(), 1, null, Map.of()),
                        new Resource("subnet", "subnet", List.of("network"), 1, null, Map.of()),
                        new Resource("server", "server", List.of("subnet"), 2, true, Map.of()),
                        new Resource("floating-ip", "floating-ip", List.of("server"), 1, true, Map.of())));

        List<StepPlan> steps = SagaPlanner.plan(bound);

        assertThat(steps)
                .extracting(StepPlan::name)
                .containsExactly("project", "network-0", "subnet-0", "server-0", "server-1", "floating-ip-0");
        assertThat(steps.get(4).inputs()).containsEntry("subnet", "subnet-0");
        assertThat(steps.get(5).dependsOn()).contains("server-0", "server-1");
        assertThat(steps.get(5).inputs()).containsEntry("server", "server-0");
    }
}
