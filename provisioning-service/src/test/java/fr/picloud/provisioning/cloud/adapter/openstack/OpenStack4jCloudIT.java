package fr.picloud.provisioning.cloud.adapter.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ProjectQuota;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.openstack.OSFactory;

/** The adapter against the in-process emulator: every kind, adoption, faults, isolation, quotas. */
class OpenStack4jCloudIT {

    private static EmulatorFixture emulator;
    private OpenStack4jCloud cloud;
    private final String saga = "pi-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startEmulator() {
        emulator = new EmulatorFixture();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void freshCloud() {
        emulator.reset();
        cloud = emulator.cloud();
    }

    private ResourceSpec spec(String kind, Map<String, Object> properties, Map<String, CloudResource> inputs) {
        return new ResourceSpec(kind, saga + "-" + kind, properties, inputs);
    }

    private CloudResource ready(String projectId, CloudResource created) {
        Readiness[] last = new Readiness[1];
        await("the " + created.kind() + " " + created.id() + " ready")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    last[0] = cloud.readiness(projectId, created);
                    assertThat(last[0]).isNotInstanceOf(Readiness.Failed.class);
                    return last[0] instanceof Readiness.Ready;
                });
        return ((Readiness.Ready) last[0]).resource();
    }

    private CloudResource build(String projectId, ResourceSpec spec) {
        CloudResource created = cloud.create(projectId, spec);
        CloudResource ready = ready(projectId, created);
        assertThat(cloud.find(projectId, spec))
                .as("the %s found again by its name", spec.kind())
                .hasValueSatisfying(found -> assertThat(found.id()).isEqualTo(created.id()));
        return ready;
    }

    private void tearDown(String projectId, CloudResource resource) {
        await("the " + resource.kind() + " " + resource.id() + " gone")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> cloud.delete(projectId, resource));
    }

    /** The reference VM stack, built as the saga orders it. */
    private record Stack(List<CloudResource> resources, Map<String, ResourceSpec> specs) {}

    private Stack buildStack(String projectId, boolean floatingIp) {
        List<CloudResource> built = new ArrayList<>();
        Map<String, ResourceSpec> specs = new HashMap<>();
        java.util.function.BiFunction<ResourceSpec, List<CloudResource>, CloudResource> step = (spec, into) -> {
            specs.put(spec.kind(), spec);
            CloudResource resource = build(projectId, spec);
            into.add(resource);
            return resource;
        };
        CloudResource network = step.apply(spec("network", Map.of(), Map.of()), built);
        CloudResource subnet = step.apply(
                spec("subnet", Map.of("cidr", "10.10.0.0/24", "ipVersion", 4), Map.of("network", network)), built);
        CloudResource router = step.apply(spec("router", Map.of("externalNetwork", "public"), Map.of()), built);
        CloudResource routerInterface =
                step.apply(spec("router-interface", Map.of(), Map.of("router", router, "subnet", subnet)), built);
        CloudResource group = step.apply(
                spec(
                        "security-group",
                        Map.of(
                                "rules",
                                List.of(
                                        Map.of(
                                                "direction", "ingress",
                                                "protocol", "tcp",
                                                "portMin", 22,
                                                "portMax", 22,
                                                "remoteIpPrefix", "10.0.0.0/8"),
                                        Map.of(
                                                "direction", "ingress",
                                                "protocol", "tcp",
                                                "portMin", 443,
                                                "portMax", 443,
                                                "remoteIpPrefix", "0.0.0.0/0"))),
                        Map.of()),
                built);
        CloudResource keypair = step.apply(spec("keypair", Map.of(), Map.of()), built);
        CloudResource volume = step.apply(spec("volume", Map.of("sizeGb", 10), Map.of()), built);
        CloudResource server = step.apply(
                spec(
                        "server",
                        Map.of("flavor", "m1.small", "image", "debian-12"),
                        Map.of("subnet", subnet, "security-group", group, "keypair", keypair)),
                built);
        step.apply(spec("volume-attachment", Map.of(), Map.of("server", server, "volume", volume)), built);
        if (floatingIp) {
            assertThat(routerInterface.attribute("routerId")).isEqualTo(router.id());
            step.apply(spec("floating-ip", Map.of("network", "public"), Map.of("server", server)), built);
        }
        return new Stack(built, specs);
    }

    @Test
    void every_kind_is_created_made_ready_found_by_name_and_deleted_leaving_nothing() {
        String projectId = cloud.ensureProject("acme", null);

        Stack stack = buildStack(projectId, true);

        Map<String, CloudResource> byKind = new HashMap<>();
        stack.resources().forEach(r -> byKind.put(r.kind(), r));
        CloudResource server = byKind.get("server");
        assertThat(server.attributes())
                .containsEntry("flavor", "m1.small")
                .containsEntry("vcpus", "1")
                .containsEntry("ramGb", "2")
                .containsEntry("networkId", byKind.get("network").id())
                .containsKey("portId");
        assertThat(byKind.get("volume").attribute("sizeGb")).isEqualTo("10");
        assertThat(byKind.get("floating-ip").attribute("address")).startsWith("172.24.4.");
        assertThat(byKind.get("subnet").attribute("networkId"))
                .isEqualTo(byKind.get("network").id());
        assertThat(emulator.names(projectId, "servers")).containsExactly(saga + "-server");
        assertThat(emulator.names(projectId, "networks")).containsExactly(saga + "-network");

        for (CloudResource resource : stack.resources().reversed()) {
            tearDown(projectId, resource);
            assertThat(cloud.find(projectId, stack.specs().get(resource.kind())))
                    .as("the %s not found once deleted", resource.kind())
                    .isEmpty();
        }
        assertThat(emulator.total(projectId))
                .as("what the project holds after the teardown")
                .isZero();
        for (CloudResource resource : stack.resources()) {
            assertThat(cloud.delete(projectId, resource))
                    .as("deleting the already gone %s", resource.kind())
                    .isTrue();
        }
    }

    @Test
    void a_create_whose_answer_was_lost_is_adopted_not_duplicated() {
        String projectId = cloud.ensureProject("acme", null);
        emulator.faults("""
                {"lostResponses": {"network": 1, "router": 1, "keypair": 1, "volume": 1, "security_group": 1}}""");

        CloudResource network = cloud.create(projectId, spec("network", Map.of(), Map.of()));
        cloud.create(projectId, spec("router", Map.of(), Map.of()));
        cloud.create(projectId, spec("keypair", Map.of(), Map.of()));
        cloud.create(projectId, spec("volume", Map.of("sizeGb", 1), Map.of()));
        cloud.create(
                projectId,
                spec(
                        "security-group",
                        Map.of(
                                "rules",
                                List.of(Map.of(
                                        "direction", "ingress", "protocol", "tcp", "portMin", 22, "portMax", 22))),
                        Map.of()));

        assertThat(emulator.names(projectId, "networks")).containsExactly(saga + "-network");
        assertThat(emulator.names(projectId, "routers")).containsExactly(saga + "-router");
        assertThat(emulator.names(projectId, "keypairs")).containsExactly(saga + "-keypair");
        assertThat(emulator.names(projectId, "volumes")).containsExactly(saga + "-volume");
        assertThat(emulator.names(projectId, "security_groups")).containsExactly(saga + "-security-group");
        assertThat(cloud.find(projectId, spec("network", Map.of(), Map.of())))
                .hasValueSatisfying(found -> assertThat(found.id()).isEqualTo(network.id()));
    }

    @Test
    void a_lost_server_boot_is_adopted_not_duplicated() {
        String projectId = cloud.ensureProject("acme", null);
        CloudResource network = cloud.create(projectId, spec("network", Map.of(), Map.of()));
        CloudResource subnet =
                cloud.create(projectId, spec("subnet", Map.of("cidr", "10.1.0.0/24"), Map.of("network", network)));
        emulator.faults("""
                {"lostResponses": {"server": 1}}""");

        CloudResource server = cloud.create(
                projectId, spec("server", Map.of("flavor", "m1.tiny", "image", "rocky-9"), Map.of("subnet", subnet)));

        assertThat(emulator.names(projectId, "servers")).containsExactly(saga + "-server");
        assertThat(ready(projectId, server).attribute("vcpus")).isEqualTo("1");
    }

    @Test
    void an_unknown_flavor_or_image_fails_for_good_with_a_readable_reason() {
        String projectId = cloud.ensureProject("acme", null);
        CloudResource network = cloud.create(projectId, spec("network", Map.of(), Map.of()));
        CloudResource subnet =
                cloud.create(projectId, spec("subnet", Map.of("cidr", "10.2.0.0/24"), Map.of("network", network)));

        assertThatThrownBy(() -> cloud.create(
                        projectId,
                        spec("server", Map.of("flavor", "m1.huge", "image", "debian-12"), Map.of("subnet", subnet))))
                .isInstanceOfSatisfying(
                        CloudException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("unknown flavor 'm1.huge'")
                .hasMessageContaining("m1.small");
        assertThatThrownBy(() -> cloud.create(
                        projectId,
                        spec("server", Map.of("flavor", "m1.small", "image", "windows-95"), Map.of("subnet", subnet))))
                .isInstanceOfSatisfying(
                        CloudException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("unknown image 'windows-95'");
        assertThat(emulator.names(projectId, "servers")).isEmpty();
    }

    @Test
    void an_image_named_as_in_glance_needs_no_alias() {
        String projectId = cloud.ensureProject("acme", null);
        CloudResource network = cloud.create(projectId, spec("network", Map.of(), Map.of()));
        CloudResource subnet =
                cloud.create(projectId, spec("subnet", Map.of("cidr", "10.3.0.0/24"), Map.of("network", network)));

        CloudResource server = cloud.create(
                projectId,
                spec(
                        "server",
                        Map.of("flavor", "m1.tiny", "image", "cirros-0.6.2-x86_64-disk"),
                        Map.of("subnet", subnet)));

        assertThat(ready(projectId, server).attribute("ramGb")).isEqualTo("0.5");
    }

    @Test
    void server_errors_are_retried_and_a_storm_ends_in_a_retryable_failure() {
        String projectId = cloud.ensureProject("acme", null);
        emulator.faults("""
                {"createFailures": {"network": {"count": 2, "status": 503}}}""");

        cloud.create(projectId, spec("network", Map.of(), Map.of()));

        assertThat(emulator.names(projectId, "networks"))
                .as("after two 503s then a success")
                .hasSize(1);

        emulator.faults("""
                {"seed": 1, "services": {"volume": {"errorRate": 1.0, "errorStatus": 503}}}""");
        assertThatThrownBy(() -> cloud.create(projectId, spec("volume", Map.of("sizeGb", 1), Map.of())))
                .isInstanceOfSatisfying(
                        CloudException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("volume")
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void a_client_error_is_not_retried() {
        String projectId = cloud.ensureProject("acme", null);
        CloudResource network = cloud.create(projectId, spec("network", Map.of(), Map.of()));
        emulator.faults("""
                {"createFailures": {"subnet": {"count": 1, "status": 400}}}""");
        ResourceSpec subnet = spec("subnet", Map.of("cidr", "10.4.0.0/24"), Map.of("network", network));

        assertThatThrownBy(() -> cloud.create(projectId, subnet))
                .isInstanceOfSatisfying(
                        CloudException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("HTTP 400");
        // one planned failure: had the 400 been retried, this create would have been the first to pass
        cloud.create(projectId, subnet);
        assertThat(emulator.names(projectId, "subnets")).hasSize(1);
    }

    @Test
    void the_circuit_breaker_of_a_failing_service_opens_and_leaves_the_others_alone() {
        String projectId = cloud.ensureProject("acme", null);
        emulator.faults("""
                {"seed": 1, "services": {"compute": {"errorRate": 1.0, "errorStatus": 500}}}""");
        ResourceSpec keypair = spec("keypair", Map.of(), Map.of());

        await("the compute circuit breaker opening")
                .atMost(Duration.ofSeconds(10))
                .until(() -> {
                    try {
                        cloud.find(projectId, keypair);
                    } catch (CloudException e) {
                        assertThat(e.retryable()).isTrue();
                    }
                    return cloud.circuitState("compute") == CircuitBreaker.State.OPEN;
                });
        emulator.clearFaults();

        assertThatThrownBy(() -> cloud.find(projectId, keypair))
                .isInstanceOfSatisfying(
                        CloudException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("OPEN");
        assertThat(cloud.find(projectId, spec("network", Map.of(), Map.of()))).isEmpty();
        assertThat(cloud.circuitState("network")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void two_tenants_interleaved_on_one_thread_never_mix_projects() {
        String a = cloud.ensureProject("tenant-a", null);
        String b = cloud.ensureProject("tenant-b", null);

        for (int i = 0; i < 5; i++) {
            cloud.create(a, new ResourceSpec("network", "a-" + i, Map.of(), Map.of()));
            cloud.create(b, new ResourceSpec("network", "b-" + i, Map.of(), Map.of()));
            cloud.create(a, new ResourceSpec("keypair", "a-key-" + i, Map.of(), Map.of()));
            cloud.create(b, new ResourceSpec("volume", "b-vol-" + i, Map.of("sizeGb", 1), Map.of()));
        }

        assertThat(a).isNotEqualTo(b);
        assertThat(emulator.names(a, "networks")).containsExactlyInAnyOrder("a-0", "a-1", "a-2", "a-3", "a-4");
        assertThat(emulator.names(b, "networks")).containsExactlyInAnyOrder("b-0", "b-1", "b-2", "b-3", "b-4");
        assertThat(emulator.names(a, "keypairs")).hasSize(5).allMatch(name -> name.startsWith("a-key-"));
        assertThat(emulator.names(b, "keypairs")).isEmpty();
        assertThat(emulator.names(b, "volumes")).hasSize(5).allMatch(name -> name.startsWith("b-vol-"));
        assertThat(emulator.names(a, "volumes")).isEmpty();
        assertThat(cloud.find(a, new ResourceSpec("network", "b-0", Map.of(), Map.of())))
                .as("tenant b's network seen from tenant a's project")
                .isEmpty();
    }

    @Test
    void two_tenants_on_many_threads_never_mix_projects() throws Exception {
        String a = cloud.ensureProject("tenant-a", null);
        String b = cloud.ensureProject("tenant-b", null);
        List<Future<?>> calls = new ArrayList<>();
        try (var platformThreads = Executors.newFixedThreadPool(4);
                var virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                String project = i % 2 == 0 ? a : b;
                String name = (i % 2 == 0 ? "a-" : "b-") + i;
                var executor = i % 4 < 2 ? platformThreads : virtualThreads;
                calls.add(executor.submit(
                        () -> cloud.create(project, new ResourceSpec("network", name, Map.of(), Map.of()))));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        }

        assertThat(emulator.names(a, "networks")).hasSize(20).allMatch(name -> name.startsWith("a-"));
        assertThat(emulator.names(b, "networks")).hasSize(20).allMatch(name -> name.startsWith("b-"));
    }

    @Test
    void concurrent_first_orders_of_a_tenant_make_one_project() throws Exception {
        OpenStack4jCloud otherInstance = emulator.cloud();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> calls = IntStream.range(0, 12)
                    .mapToObj(
                            i -> threads.submit(() -> (i % 2 == 0 ? cloud : otherInstance).ensureProject("acme", null)))
                    .toList();
            for (Future<String> call : calls) {
                ids.add(call.get());
            }
        }

        assertThat(ids).hasSize(1);
        var admin = OSFactory.builderV3()
                .endpoint(emulator.authUrl())
                .credentials("admin", "admin", Identifier.byName("Default"))
                .scopeToProject(Identifier.byName("admin"), Identifier.byName("Default"))
                .authenticate();
        assertThat(admin.identity().projects().list())
                .filteredOn(project -> project.getName().equals("picloud-acme"))
                .hasSize(1);
    }

    @Test
    void the_tenant_quota_is_set_on_its_project() {
        String projectId = cloud.ensureProject("small", new ProjectQuota(8, 16, 100, 1, 1));
        CloudResource network = cloud.create(projectId, spec("network", Map.of(), Map.of()));
        CloudResource subnet =
                cloud.create(projectId, spec("subnet", Map.of("cidr", "10.5.0.0/24"), Map.of("network", network)));
        CloudResource first = cloud.create(
                projectId,
                new ResourceSpec(
                        "server",
                        saga + "-server-0",
                        Map.of("flavor", "m1.small", "image", "debian-12"),
                        Map.of("subnet", subnet)));
        ready(projectId, first);

        assertThatThrownBy(() -> cloud.create(
                        projectId,
                        new ResourceSpec(
                                "server",
                                saga + "-server-1",
                                Map.of("flavor", "m1.small", "image", "debian-12"),
                                Map.of("subnet", subnet))))
                .isInstanceOfSatisfying(
                        CloudException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("Quota exceeded for instances");
        assertThatThrownBy(() -> cloud.create(projectId, spec("volume", Map.of("sizeGb", 200), Map.of())))
                .isInstanceOfSatisfying(
                        CloudException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void a_server_in_error_fails_with_its_fault() {
        String projectId = cloud.ensureProject("acme", null);
        CloudResource network = cloud.create(projectId, spec("network", Map.of(), Map.of()));
        CloudResource subnet =
                cloud.create(projectId, spec("subnet", Map.of("cidr", "10.6.0.0/24"), Map.of("network", network)));
        emulator.faults("""
                {"seed": 2, "serverErrorRate": 1.0}""");
        CloudResource server = cloud.create(
                projectId, spec("server", Map.of("flavor", "m1.tiny", "image", "rocky-9"), Map.of("subnet", subnet)));

        await("the server failing")
                .atMost(Duration.ofSeconds(10))
                .until(() -> cloud.readiness(projectId, server) instanceof Readiness.Failed failed
                        && failed.reason().contains("No valid host"));
    }
}
