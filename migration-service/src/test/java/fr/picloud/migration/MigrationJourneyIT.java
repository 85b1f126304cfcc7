package fr.picloud.migration;

import static fr.picloud.migration.MigrationWorld.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.contracts.order.OrderPlaced;
import fr.picloud.contracts.order.OrderQuote;
import fr.picloud.contracts.order.OrderRejected;
import fr.picloud.contracts.order.OrderRequestRefused;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A migration from inventory to cutover on the real broker and database, step by step: plans are
 * versions of one portfolio-wide plan, so each step builds on the previous one.
 */
@PiCloudIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationJourneyIT {

    private static final UUID OFFERING = UUID.fromString("7a1e0c2b-3d4f-4a5b-8c6d-7e8f9a0b1c2d");
    private static final String PLAN = """
            {"fraction": %s, "capacity": {"applications": %d, "vcpus": %d}, "startDate": "2027-01-04"}""";
    /** Three easy applications needing each other in a cycle, beside the sample portfolio. */
    private static final String CYCLE =
            """
            [%s, %s, %s]""".formatted(easy("CYC-1", "CYC-2"), easy("CYC-2", "CYC-3"), easy("CYC-3", "CYC-1"));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    MigrationWorld world;

    @BeforeEach
    void world() {
        world = new MigrationWorld(port, jdbc);
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    @Order(1)
    void the_sample_portfolio_and_a_cycle_are_loaded_and_loading_again_changes_nothing() {
        world.catalogue(Offerings.vmStack(OFFERING, 1, "PUBLISHED"));

        JsonNode first = world.ok(world.api.post("/api/v1/inventory/sample?size=420&seed=2026", LEAD, ""));
        JsonNode cycle = world.ok(world.api.post("/api/v1/inventory", LEAD, CYCLE));
        JsonNode again = world.ok(world.api.post("/api/v1/inventory/sample?size=420&seed=2026", LEAD, ""));

        assertThat(first.path("created").asInt()).isEqualTo(420);
        assertThat(cycle.path("created").asInt()).isEqualTo(3);
        assertThat(again.path("unchanged").asInt()).isEqualTo(420);
        assertThat(again.path("created").asInt() + again.path("updated").asInt())
                .isZero();
        assertThat(world.api
                        .post("/api/v1/inventory/sample", MigrationWorld.AGENT, "")
                        .status())
                .isEqualTo(403);
    }

    @Test
    @Order(2)
    void assessments_explain_each_score_by_its_factors() {
        JsonNode assessment = world.ok(world.api.get("/api/v1/applications/CYC-1/assessment", LEAD));

        assertThat(assessment.path("recommendation").asString()).isEqualTo("REHOST");
        double ease = 0;
        for (JsonNode contribution : assessment.path("explanation")) {
            if (contribution.path("score").asString().equals("ease")) {
                ease += contribution.path("contribution").asDouble();
            }
        }
        assertThat(assessment.path("ease").asDouble()).isEqualTo(Math.min(100, ease));
        assertThat(assessment.path("explanation").findValuesAsString("factor")).contains("virtualised", "stateless");
    }

    @Test
    @Order(3)
    void a_capacity_too_small_for_a_dependency_group_or_a_bad_fraction_is_refused_and_nothing_is_stored() {
        var tooSmall = world.api.post("/api/v1/waves/plan", LEAD, PLAN.formatted("0.3333", 2, 1000));
        var badFraction = world.api.post("/api/v1/waves/plan", LEAD, PLAN.formatted("1.5", 30, 400));

        assertThat(tooSmall.status()).as(tooSmall.raw().body()).isEqualTo(422);
        assertThat(tooSmall.json().path("errors").findValuesAsString("message"))
                .anyMatch(message -> message.contains("dependency group [CYC-1, CYC-2, CYC-3]"));
        assertThat(badFraction.status()).isEqualTo(422);
        assertThat(badFraction.json().path("errors").findValuesAsString("field"))
                .containsExactly("fraction");
        assertThat(world.ok(world.api.get("/api/v1/waves/plans", LEAD))).isEmpty();
    }

    @Test
    @Order(3)
    void a_wave_length_or_a_start_no_date_can_hold_is_a_422_naming_it_not_a_500() {
        var longWaves = world.api.post(
                "/api/v1/waves/plan",
                LEAD,
                PLAN.replace("\"2027-01-04\"", "\"2027-01-04\", \"waveDays\": 2000000000")
                        .formatted("0.3333", 30, 400));
        var farStart = world.api.post(
                "/api/v1/waves/plan",
                LEAD,
                PLAN.replace("2027-01-04", "+999999999-12-31").formatted("0.3333", 30, 400));

        assertThat(longWaves.status()).as(longWaves.raw().body()).isEqualTo(422);
        assertThat(longWaves.json().path("errors").findValuesAsString("field")).containsExactly("waveDays");
        assertThat(farStart.status()).as(farStart.raw().body()).isEqualTo(422);
        assertThat(farStart.json().path("errors").findValuesAsString("field")).containsExactly("startDate");
        assertThat(world.ok(world.api.get("/api/v1/waves/plans", LEAD))).isEmpty();
    }

    @Test
    @Order(4)
    void a_plan_moves_a_third_by_score_never_before_dependencies_and_keeps_a_cycle_together() {
        JsonNode plan = world.ok(world.api.post("/api/v1/waves/plan", LEAD, PLAN.formatted("0.3333", 30, 400)));

        assertThat(plan.path("version").asInt()).isEqualTo(1);
        assertThat(plan.path("target").asInt()).isEqualTo(141); // a third of 423, rounded up
        // groups move whole: the last places may stay empty rather than split a group
        assertThat(plan.path("planned").asInt()).isBetween(136, 141);
        Map<String, Integer> waveOf = new HashMap<>();
        for (JsonNode wave : plan.path("waves")) {
            assertThat(wave.path("applications").asInt()).isLessThanOrEqualTo(30);
            assertThat(wave.path("vcpus").asInt()).isLessThanOrEqualTo(400);
            wave.path("members")
                    .forEach(member -> waveOf.put(
                            member.path("applicationId").asString(),
                            wave.path("number").asInt()));
        }
        assertThat(waveOf.get("CYC-1")).isEqualTo(waveOf.get("CYC-2")).isEqualTo(waveOf.get("CYC-3"));
        for (JsonNode application : world.ok(world.api.get("/api/v1/applications", LEAD))) {
            Integer wave = waveOf.get(application.path("id").asString());
            if (wave == null) {
                continue;
            }
            for (JsonNode dependency : application.path("dependencies")) {
                Integer dependencyWave = waveOf.get(dependency.asString());
                if (dependencyWave != null) {
                    assertThat(dependencyWave)
                            .as("%s (wave %d) needs %s", application.path("id").asString(), wave, dependency.asString())
                            .isLessThanOrEqualTo(wave);
                }
            }
        }
        assertThat(plan.path("excluded")).hasSize(423 - plan.path("planned").asInt());
        assertThat(plan.path("excluded").findValuesAsString("reason"))
                .allMatch(reason -> !reason.isBlank())
                .anyMatch(reason -> reason.startsWith("retire"))
                .anyMatch(reason -> reason.contains("beyond the target"));
        assertThat(plan.path("costAfter").decimalValue())
                .isLessThan(plan.path("costBefore").decimalValue());
    }

    @Test
    @Order(5)
    void launching_a_wave_twice_requests_each_order_once() {
        List<JsonNode> waves = currentWaves();
        String first = waves.get(0).path("id").asString();
        String second = waves.get(1).path("id").asString();
        int members = waves.get(0).path("applications").asInt();

        JsonNode launched = world.ok(world.api.post("/api/v1/waves/" + first + "/launch", LEAD, ""));
        JsonNode again = world.ok(world.api.post("/api/v1/waves/" + first + "/launch", LEAD, ""));
        world.ok(world.api.post("/api/v1/waves/" + second + "/launch", LEAD, ""));

        assertThat(launched.path("ordersRequested").asInt()).isEqualTo(members);
        assertThat(again.path("ordersRequested").asInt()).isZero();
        assertThat(again.path("wave").path("members").findValuesAsString("orderId"))
                .isEqualTo(launched.path("wave").path("members").findValuesAsString("orderId"));
        // the second wave's requests were sent after any the relaunch could have sent
        MigrationWorld.payloads(
                Topics.ORDER_REQUESTS,
                "picloud.migration.order-requested",
                payload -> payload.path("labels").path("waveId").asString().equals(second),
                waves.get(1).path("applications").asInt());
        List<JsonNode> requests = MigrationWorld.payloads(
                Topics.ORDER_REQUESTS,
                "picloud.migration.order-requested",
                payload -> payload.path("labels").path("waveId").asString().equals(first),
                members);
        assertThat(requests).hasSize(members);
        JsonNode request = requests.getFirst();
        assertThat(request.path("requester").asString()).isEqualTo("lead-dsic");
        assertThat(request.path("offeringId").asString()).isEqualTo(OFFERING.toString());
        assertThat(request.path("parameters").path("flavor").asString()).startsWith("m1.");
        assertThat(launched.path("wave").path("members").findValuesAsString("status"))
                .containsOnly("PROVISIONING");
        // the wave names each requested order with its tenant: order-service places only those
        List<JsonNode> launches = MigrationWorld.payloads(
                Topics.MIGRATION_WAVES,
                "picloud.migration.wave-launched",
                payload -> payload.path("waveId").asString().equals(first),
                1);
        assertThat(launches)
                .as("a relaunch that requests nothing announces nothing")
                .hasSize(1);
        JsonNode announced = launches.getFirst();
        assertThat(announced.path("lead").asString()).isEqualTo("lead-dsic");
        assertThat(announced.path("members").findValuesAsString("orderId"))
                .containsExactlyInAnyOrderElementsOf(requests.stream()
                        .map(payload -> payload.path("orderId").asString())
                        .toList());
        for (JsonNode member : announced.path("members")) {
            JsonNode asked = requests.stream()
                    .filter(payload -> payload.path("orderId").equals(member.path("orderId")))
                    .findFirst()
                    .orElseThrow();
            assertThat(member.path("tenant").asString())
                    .isEqualTo(asked.path("tenant").asString());
        }
    }

    @Test
    @Order(6)
    void progress_follows_real_order_and_provisioning_events_to_cutover_or_failure() {
        JsonNode wave = currentWaves().getFirst();
        List<JsonNode> members = new ArrayList<>();
        wave.path("members").forEach(members::add);
        UUID ready = orderOf(members.get(0));
        UUID refused = orderOf(members.get(1));
        UUID failed = orderOf(members.get(2));
        UUID rejected = orderOf(members.get(3));
        String tenant = members.get(0).path("tenant").asString();

        world.send(Topics.ORDERS, ready.toString(), placed(ready, tenant));
        world.sendJson(
                Topics.PROVISIONING_OUTCOMES,
                ready.toString(),
                "picloud.provisioning.completed",
                1,
                "{\"orderId\": \"" + ready + "\", \"resources\": []}");
        world.send(
                Topics.ORDERS,
                refused.toString(),
                new OrderRequestRefused(
                        refused,
                        tenant,
                        "the order exceeds tenant " + tenant + "'s vcpus quota",
                        List.of(new OrderRequestRefused.Violation("quota", "vcpus"))));
        world.send(Topics.ORDERS, failed.toString(), placed(failed, tenant));
        world.sendJson(
                Topics.PROVISIONING_OUTCOMES,
                failed.toString(),
                "picloud.provisioning.failed",
                1,
                "{\"orderId\": \"" + failed
                        + "\", \"failedStep\": \"server\", \"reason\": \"no host with enough RAM\"}");
        world.send(Topics.ORDERS, rejected.toString(), new OrderRejected(rejected, tenant, "approver-1", "not now"));

        String waveId = wave.path("id").asString();
        await("the four applications of wave " + waveId + " to move")
                .atMost(Duration.ofSeconds(60))
                .until(() -> statusOf(waveId, 0).equals("READY_FOR_CUTOVER")
                        && statusOf(waveId, 1).equals("FAILED")
                        && statusOf(waveId, 2).equals("FAILED")
                        && statusOf(waveId, 3).equals("FAILED"));
        JsonNode after =
                world.ok(world.api.get("/api/v1/waves/" + waveId, LEAD)).path("members");
        assertThat(after.get(1).path("failureReason").asString()).contains("vcpus quota");
        assertThat(after.get(2).path("failureReason").asString()).contains("at server", "no host with enough RAM");
        assertThat(after.get(3).path("failureReason").asString()).contains("rejected by approver-1", "not now");

        String readyId = members.get(0).path("applicationId").asString();
        String provisioningId = members.get(4).path("applicationId").asString();
        var early =
                world.api.post("/api/v1/waves/" + waveId + "/applications/" + provisioningId + "/cutover", LEAD, "");
        JsonNode cutOver =
                world.ok(world.api.post("/api/v1/waves/" + waveId + "/applications/" + readyId + "/cutover", LEAD, ""));

        assertThat(early.status()).isEqualTo(409);
        assertThat(cutOver.path("status").asString()).isEqualTo("MIGRATED");
        JsonNode progress = world.ok(world.api.get("/api/v1/progress", LEAD));
        int launched = wave.path("applications").asInt()
                + currentWaves().get(1).path("applications").asInt();
        assertThat(progress.path("byStatus").path("MIGRATED").asInt()).isEqualTo(1);
        assertThat(progress.path("byStatus").path("FAILED").asInt()).isEqualTo(3);
        assertThat(progress.path("byStatus").path("PROVISIONING").asInt()).isEqualTo(launched - 4);
        int planned = currentWaves().stream()
                .mapToInt(node -> node.path("applications").asInt())
                .sum();
        assertThat(progress.path("byStatus").path("NOT_PLANNED").asInt()).isEqualTo(423 - planned);
        assertThat(progress.path("migratedShare").asDouble()).isEqualTo(0.0024); // 1 of 423
        assertThat(progress.path("costNow").decimalValue())
                .isLessThan(progress.path("costBefore").decimalValue());
        assertThat(progress.path("waves")
                        .get(0)
                        .path("byStatus")
                        .path("MIGRATED")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    @Order(7)
    void planning_again_leaves_launched_waves_untouched() {
        List<JsonNode> before = currentWaves();
        Set<String> launched = new HashSet<>();
        before.stream()
                .filter(wave -> wave.path("status").asString().equals("LAUNCHED"))
                .forEach(wave -> launched.add(wave.path("id").asString()));

        JsonNode plan = world.ok(world.api.post("/api/v1/waves/plan", LEAD, PLAN.formatted("0.5", 30, 400)));

        assertThat(plan.path("version").asInt()).isEqualTo(2);
        List<JsonNode> after = currentWaves();
        assertThat(after.subList(0, 2))
                .extracting(wave -> wave.path("id").asString())
                .containsExactlyInAnyOrderElementsOf(launched);
        assertThat(after.get(0).path("members").findValuesAsString("status")).contains("MIGRATED", "FAILED");
        Set<String> launchedApplications = new HashSet<>();
        after.subList(0, 2)
                .forEach(
                        wave -> launchedApplications.addAll(wave.path("members").findValuesAsString("applicationId")));
        after.subList(2, after.size()).forEach(wave -> {
            assertThat(wave.path("number").asInt()).isGreaterThan(2);
            assertThat(wave.path("members").findValuesAsString("applicationId"))
                    .doesNotContainAnyElementsOf(launchedApplications);
        });
        assertThat(plan.path("target").asInt()).isEqualTo(212); // half of 423, rounded up
        // fewer when too few applications can move now: the plan never pads with what cannot
        assertThat(plan.path("planned").asInt()).isGreaterThan(141).isLessThanOrEqualTo(212);
        assertThat(plan.path("excluded")).hasSize(423 - plan.path("planned").asInt());
        assertThat(world.ok(world.api.get("/api/v1/waves/plans/1", LEAD))
                        .path("version")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    @Order(8)
    void a_wave_whose_offering_was_retired_is_not_launched_and_the_offering_is_named() {
        String third = currentWaves().get(2).path("id").asString();
        world.catalogue(Offerings.vmStack(OFFERING, 2, "RETIRED"));
        try {
            var refused = world.api.post("/api/v1/waves/" + third + "/launch", LEAD, "");

            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(422);
            assertThat(refused.raw().body()).contains(OFFERING.toString(), "RETIRED");
            assertThat(world.ok(world.api.get("/api/v1/waves/" + third, LEAD))
                            .path("members")
                            .findValuesAsString("status"))
                    .containsOnly("PLANNED");
        } finally {
            world.catalogue(Offerings.vmStack(OFFERING, 3, "PUBLISHED"));
        }
    }

    @Test
    @Order(9)
    void the_scoring_model_is_versioned_data_edited_through_the_api() {
        JsonNode current = world.ok(world.api.get("/api/v1/assessment/model", LEAD));
        JsonNode model = current.path("model");
        ((tools.jackson.databind.node.ObjectNode) model.path("ease")).put("base", 40);

        JsonNode changed = world.ok(world.api.put("/api/v1/assessment/model", LEAD, model.toString()));
        var broken = world.api.put(
                "/api/v1/assessment/model",
                LEAD,
                model.toString().replace("\"dependencyCount\"", "\"dependencyCounts\""));

        assertThat(changed.path("version").asInt())
                .isEqualTo(current.path("version").asInt() + 1);
        assertThat(world.ok(world.api.get("/api/v1/applications/CYC-1/assessment", LEAD))
                        .path("modelVersion")
                        .asInt())
                .isEqualTo(changed.path("version").asInt());
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.json().path("errors").findValuesAsString("message"))
                .anyMatch(message -> message.contains("unknown fact 'dependencyCounts'"));
        assertThat(world.ok(world.api.get("/api/v1/assessment/model/versions/1", LEAD))
                        .path("model")
                        .path("ease")
                        .path("base")
                        .asInt())
                .isEqualTo(50);
    }

    private List<JsonNode> currentWaves() {
        List<JsonNode> waves = new ArrayList<>();
        world.ok(world.api.get("/api/v1/waves", LEAD)).forEach(waves::add);
        return waves;
    }

    private String statusOf(String waveId, int position) {
        return world.ok(world.api.get("/api/v1/waves/" + waveId, LEAD))
                .path("members")
                .get(position)
                .path("status")
                .asString();
    }

    private static UUID orderOf(JsonNode member) {
        return UUID.fromString(member.path("orderId").asString());
    }

    private static OrderPlaced placed(UUID orderId, String tenant) {
        return new OrderPlaced(
                orderId,
                tenant,
                "lead-dsic",
                OFFERING,
                "vm-stack",
                "POL-001",
                Map.of("flavor", "m1.small"),
                new OrderQuote("EUR", 1, new BigDecimal("18.25"), new BigDecimal("25.00")),
                "APPROVED");
    }

    private static String easy(String id, String dependency) {
        return """
                {"id": "%s", "name": "Cycle %s", "tenant": "dsic", "criticality": "HIGH", "users": 6000,
                 "hosting": "VM", "os": "Debian", "osVersion": "12", "middleware": "nginx", "vcpus": 2, "ramGb": 4,
                 "storageGb": 50, "dataSensitivity": "INTERNAL", "endOfSupport": "2028-06-30",
                 "dependencies": ["%s"], "monthlyCost": 1200}""".formatted(id, id, dependency);
    }
}
