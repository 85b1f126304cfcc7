package fr.picloud.localstack.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.LocalizedText;
import fr.picloud.contracts.offering.OfferingPublished;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.offering.ResourceTemplate.Resource;
import fr.picloud.localstack.provisioning.SagaTable.SagaRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 6's crash test: orders placed through order-service become sagas in provisioning-service,
 * which is killed with SIGKILL at random moments and restarted, against an emulator that fails some
 * servers, loses some answers and refuses some deletes. At the end every saga is COMPLETED or
 * COMPENSATED, the tenant's project holds exactly the completed sagas' resources (no orphan, no
 * twin), and every order's status is its saga's. Beside the orders, day-2 operations on the orders
 * that completed (a resize, a volume extension or a snapshot, in turn: a third of all sagas) run
 * through the same kills: each ends once, its snapshot is no orphan nor twin, and order-service's
 * operation says what its saga did.
 *
 * <p>Not part of {@code ./mvnw verify}: {@code ./mvnw -o -pl infra/local-stack verify -Pcrash-test}
 * (needs the order-service and provisioning-service jars built). Knobs: {@code -Dcrash.sagas=200},
 * {@code -Dcrash.seed=2026}, {@code -Dcrash.order-interval-ms=1000}, {@code -Dcrash.min-kills=6}.
 */
class ProvisioningCrashDrill {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TENANT = "police";
    private static final int SAGAS = Integer.getInteger("crash.sagas", 200);
    private static final long SEED = Long.getLong("crash.seed", 2026L);
    private static final long ORDER_INTERVAL_MS = Long.getLong("crash.order-interval-ms", 1000L);
    private static final int MIN_KILLS = Integer.getInteger("crash.min-kills", 6);
    private static final int MAX_KILLS = Integer.getInteger("crash.max-kills", 15);
    /** Day-2 operations beside the orders: half as many, so a third of all sagas. */
    private static final int OPERATIONS = Integer.getInteger("crash.operations", SAGAS / 2);

    /** A day-2 operation the drill asked for on a completed order. */
    record Asked(UUID order, UUID operation, String type, String target, Object value) {}

    private static final String FAULTS = """
            {"seed": %d,
             "serverErrorRate": 0.1,
             "lostResponses": {"network": 4, "subnet": 2, "router_interface": 3, "volume": 3, "server": 4,
                               "volume_attachment": 2},
             "deleteFailures": {"server": 2, "volume": 1},
             "services": {"network": {"errorRate": 0.02}}}
            """.formatted(SEED);

    private static DrillStack stack;
    private static SagaTable sagas;
    private static Messages messages;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void startStack() {
        Path root = Path.of("target", "crash-drill").toAbsolutePath();
        stack = DrillStack.in(root)
                .serverBuildTime(Duration.ofMillis(1500))
                .withOrderService()
                // a killed consumer holds its partitions until its Kafka session expires (45 s by default),
                // which would stall every command until the last restart: expire it after 6 s
                .provisioningProperty("spring.cloud.stream.kafka.binder.consumer-properties.session.timeout.ms", "6000")
                .provisioningProperty(
                        "spring.cloud.stream.kafka.binder.consumer-properties.heartbeat.interval.ms", "2000")
                .start();
        sagas = new SagaTable(() -> {
            try {
                return stack.connect("provisioning");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        messages = new Messages(stack.kafka.bootstrapServers());
    }

    @AfterAll
    static void stopStack() {
        if (messages != null) {
            messages.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void every_saga_ends_completed_or_compensated_with_no_orphan_and_no_twin_despite_kill_9() throws Exception {
        Instant began = Instant.now();
        String admin = stack.token("platform-admin");
        String agent = stack.token("agent-police");
        // room for the run: the police directorate's quota and auto-approval, its project's counts
        put("/api/v1/tenants/police/quota", admin, """
                {"vcpus": 4000, "ramGb": 16000, "volumeGb": 200000, "instances": 2000, "floatingIps": 100,
                 "monthlyBudget": 100000000}""");
        put("/api/v1/tenants/police/approval-policy", admin, """
                {"autoApproveBelow": 100000, "autoApproveCategories": [], "twoApprovalsAbove": 200000,
                 "escalateAfter": "PT48H", "expireAfter": "PT120H"}""");
        String projectId = stack.emulator.projectWithRoomFor(TENANT);
        stack.emulator.faults(FAULTS);
        UUID offeringId = UUID.randomUUID();
        messages.send(new OfferingPublished(offering(offeringId)), "dsic", null).get(30, TimeUnit.SECONDS);

        // the first order waits for the offering to reach order-service's replica
        List<UUID> orders = Collections.synchronizedList(new ArrayList<>());
        await("order-service to know the offering")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> place(agent, offeringId, 0).map(orders::add).orElse(false));

        // orders keep coming at a steady pace while provisioning-service is killed and restarted
        Random random = new Random(SEED);
        CountDownLatch allPlaced = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger(1);
        List<String> placementErrors = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService placer = Executors.newSingleThreadScheduledExecutor();
        placer.scheduleAtFixedRate(
                () -> {
                    int index = next.getAndIncrement();
                    if (index >= SAGAS) {
                        allPlaced.countDown();
                        return;
                    }
                    try {
                        place(agent, offeringId, index)
                                .ifPresentOrElse(orders::add, () -> placementErrors.add("order " + index));
                    } catch (RuntimeException e) {
                        placementErrors.add("order " + index + ": " + e.getMessage());
                    }
                },
                ORDER_INTERVAL_MS,
                ORDER_INTERVAL_MS,
                TimeUnit.MILLISECONDS);

        // day-2 operations on the orders that completed, in turn a resize, an extension, a snapshot
        List<Asked> operations = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allOperated = new CountDownLatch(OPERATIONS == 0 ? 0 : 1);
        AtomicInteger cursor = new AtomicInteger();
        List<String> operationErrors = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService operator = Executors.newSingleThreadScheduledExecutor();
        long operationInterval = Math.max(200, ORDER_INTERVAL_MS * SAGAS / Math.max(1, OPERATIONS));
        operator.scheduleWithFixedDelay(
                () -> {
                    if (operations.size() >= OPERATIONS) {
                        allOperated.countDown();
                        return;
                    }
                    try {
                        operateNext(agent, orders, cursor, operations);
                    } catch (RuntimeException e) {
                        operationErrors.add(e.getMessage());
                    }
                },
                operationInterval,
                operationInterval,
                TimeUnit.MILLISECONDS);

        List<String> killLog = new ArrayList<>();
        java.util.Set<UUID> interrupted = new java.util.HashSet<>();
        int kills = 0;
        try {
            while (kills < MAX_KILLS) {
                long upFor = 5_000 + random.nextInt(15_001);
                boolean placedAll = allPlaced.await(upFor, TimeUnit.MILLISECONDS) && allOperated.getCount() == 0;
                if (placedAll && kills >= MIN_KILLS) {
                    break;
                }
                Map<String, Integer> before = sagas.countByStatus();
                interrupted.addAll(sagas.activeSagaIds());
                long pid = stack.provisioning.pid().orElse(-1);
                stack.provisioning.kill();
                kills++;
                Instant restarting = Instant.now();
                stack.provisioning.start();
                String line = String.format(
                        "kill #%d: pid %d after %.1f s up, %d orders placed, sagas %s; back UP in %.1f s",
                        kills,
                        pid,
                        upFor / 1000.0,
                        orders.size(),
                        before,
                        Duration.between(restarting, Instant.now()).toMillis() / 1000.0);
                killLog.add(line);
                System.out.println("[crash-drill] " + line);
            }
            allPlaced.await(30, TimeUnit.MINUTES);
            allOperated.await(10, TimeUnit.MINUTES);
        } finally {
            placer.shutdownNow();
            operator.shutdownNow();
        }
        assertThat(placementErrors).as("orders order-service refused").isEmpty();
        assertThat(orders).as("orders placed").hasSize(SAGAS);
        assertThat(operationErrors).as("operations order-service refused").isEmpty();
        assertThat(operations).as("operations asked").hasSize(OPERATIONS);

        await("every saga to end")
                .atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofSeconds(5))
                .conditionEvaluationListener(condition ->
                        System.out.println("[crash-drill] waiting for the sagas to end: " + sagas.countByStatus()))
                .until(() -> {
                    Map<String, Integer> counts = sagas.countByStatus();
                    return counts.values().stream().mapToInt(Integer::intValue).sum() == SAGAS
                            && counts.getOrDefault("RUNNING", 0) == 0
                            && counts.getOrDefault("COMPENSATING", 0) == 0;
                });
        await("every operation's saga to end")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(5))
                .conditionEvaluationListener(condition -> System.out.println(
                        "[crash-drill] waiting for the operations to end: " + sagas.countOperationsByStatus()))
                .until(() -> {
                    Map<String, Integer> counts = sagas.countOperationsByStatus();
                    return counts.values().stream().mapToInt(Integer::intValue).sum() == OPERATIONS
                            && counts.getOrDefault("RUNNING", 0) == 0
                            && counts.getOrDefault("COMPENSATING", 0) == 0;
                });

        // what the sagas say, what the cloud holds, what order-service says
        List<SagaRow> rows = sagas.provisionSagas();
        Map<String, Integer> counts = sagas.countByStatus();
        JsonNode project = stack.emulator.inventory().path("projects").path(projectId);
        List<SagaRow> operationRows = sagas.operationSagas();
        Map<String, Integer> operationCounts = sagas.countOperationsByStatus();
        InventoryAudit audit = InventoryAudit.of(
                project, stack.emulator.ports(projectId), rows, sagas.steps(), operationRows, sagas.operationSteps());
        Map<UUID, String> sagaStatus = sagas.statusByOrder();
        // order-service hears of the outcomes through the outbox and the broker, a moment after the sagas end
        List<String> mismatches = new ArrayList<>(mismatches(agent, orders, sagaStatus));
        try {
            await("every order's status to be its saga's")
                    .atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(5))
                    .until(() -> {
                        mismatches.clear();
                        mismatches.addAll(mismatches(agent, orders, sagaStatus));
                        mismatches.addAll(operationMismatches(agent, operations, operationRows));
                        return mismatches.isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            // reported below and asserted last
        }
        Duration took = Duration.between(began, Instant.now());
        List<String> summary = new ArrayList<>();
        summary.add("== provisioning crash drill (seed " + SEED + ") ==");
        summary.add(String.format(
                "sagas %d, kills %d, completed %d, compensated %d, compensation failed %d, other %d",
                rows.size(),
                kills,
                counts.getOrDefault("COMPLETED", 0),
                counts.getOrDefault("COMPENSATED", 0),
                counts.getOrDefault("COMPENSATION_FAILED", 0),
                rows.size()
                        - counts.getOrDefault("COMPLETED", 0)
                        - counts.getOrDefault("COMPENSATED", 0)
                        - counts.getOrDefault("COMPENSATION_FAILED", 0)));
        summary.add(String.format(
                "day-2 operations %d (%s), sagas %s",
                operationRows.size(),
                operations.stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                Asked::type, java.util.TreeMap::new, java.util.stream.Collectors.counting())),
                operationCounts));
        summary.add(String.format(
                "inventory: %d resources in picloud-%s; orphans %d, twins %d, missing %d; order/saga mismatches %d",
                audit.resources,
                TENANT,
                audit.orphans.size(),
                audit.twins.size(),
                audit.missing.size(),
                mismatches.size()));
        summary.add(String.format(
                "sagas running or compensating at a kill: %d; duration %d s (orders every %d ms)",
                interrupted.size(), took.toSeconds(), ORDER_INTERVAL_MS));
        summary.add("faults: " + FAULTS.replaceAll("\\s+", " ").trim());
        summary.addAll(killLog);
        rows.stream()
                .filter(row -> row.status().equals("COMPENSATED"))
                .map(SagaRow::reason)
                .map(reason -> reason == null ? "?" : reason.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>"))
                .collect(java.util.stream.Collectors.groupingBy(
                        reason -> reason, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                .forEach((reason, count) -> summary.add("  compensated x" + count + ": " + reason));
        operationRows.stream()
                .filter(row -> row.status().equals("COMPENSATED"))
                .map(SagaRow::reason)
                .map(reason -> reason == null ? "?" : reason.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>"))
                .collect(java.util.stream.Collectors.groupingBy(
                        reason -> reason, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                .forEach((reason, count) -> summary.add("  operation compensated x" + count + ": " + reason));
        audit.orphans.stream().limit(20).forEach(orphan -> summary.add("  orphan: " + orphan));
        audit.twins.stream().limit(20).forEach(twin -> summary.add("  twin: " + twin));
        audit.missing.stream().limit(20).forEach(gone -> summary.add("  missing: " + gone));
        mismatches.stream().limit(20).forEach(mismatch -> summary.add("  mismatch: " + mismatch));
        summary.forEach(line -> System.out.println("[crash-drill] " + line));
        Files.write(Path.of("target", "crash-drill-summary.txt"), summary);

        assertThat(rows).as("one saga per order").hasSize(SAGAS);
        assertThat(kills).as("kills").isGreaterThanOrEqualTo(MIN_KILLS);
        assertThat(counts.getOrDefault("COMPLETED", 0) + counts.getOrDefault("COMPENSATED", 0))
                .as("sagas COMPLETED or COMPENSATED: " + counts)
                .isEqualTo(SAGAS);
        assertThat(operationRows).as("one saga per operation").hasSize(OPERATIONS);
        assertThat(operationCounts.getOrDefault("COMPLETED", 0) + operationCounts.getOrDefault("COMPENSATED", 0))
                .as("operation sagas COMPLETED or COMPENSATED: " + operationCounts)
                .isEqualTo(OPERATIONS);
        assertThat(audit.orphans).as("orphans").isEmpty();
        assertThat(audit.twins).as("twins").isEmpty();
        assertThat(audit.missing)
                .as("resources of completed sagas that are missing")
                .isEmpty();
        assertThat(mismatches).as("orders whose status is not their saga's").isEmpty();
    }

    private List<String> mismatches(String agent, List<UUID> orders, Map<UUID, String> sagaStatus) {
        List<String> found = new ArrayList<>();
        for (UUID order : orders) {
            String orderStatus = orderStatus(agent, order);
            String expected = switch (sagaStatus.getOrDefault(order, "none")) {
                case "COMPLETED" -> "COMPLETED";
                case "COMPENSATED" -> "FAILED";
                default -> "?";
            };
            if (!orderStatus.equals(expected)) {
                found.add("order " + order + " " + orderStatus + ", saga " + sagaStatus.get(order));
            }
        }
        return found;
    }

    /**
     * Asks the next day-2 operation on the first completed order not operated yet (looking at a few
     * orders per call): a resize of its server, an extension of its volume or a snapshot of it, in turn.
     */
    private void operateNext(String agent, List<UUID> orders, AtomicInteger cursor, List<Asked> operations) {
        for (int looked = 0; looked < 5 && cursor.get() < orders.size(); looked++) {
            UUID order = orders.get(cursor.get());
            JsonNode view = JSON.readTree(send(HttpRequest.newBuilder(orderService("/api/v1/orders/" + order))
                            .header("Authorization", "Bearer " + agent)
                            .GET())
                    .body());
            String status = view.path("status").asString();
            if (status.equals("PROVISIONING") || status.equals("APPROVED")) {
                return; // the next order in line is not built yet: try again later
            }
            cursor.incrementAndGet();
            if (!status.equals("COMPLETED")) {
                continue;
            }
            String server = null;
            String volume = null;
            for (JsonNode resource : view.path("resources")) {
                String kind = resource.path("kind").asString();
                if (kind.equals("server") && server == null) {
                    server = resource.path("name").asString();
                }
                if (kind.equals("volume") && volume == null) {
                    volume = resource.path("name").asString();
                }
            }
            int turn = operations.size() % 3;
            String body;
            Asked asked;
            if (turn == 0) {
                body = "{\"type\":\"RESIZE\",\"target\":\"" + server + "\",\"flavor\":\"m1.medium\"}";
                asked = new Asked(order, null, "RESIZE", server, "m1.medium");
            } else if (turn == 1) {
                body = "{\"type\":\"EXTEND_VOLUME\",\"target\":\"" + volume + "\",\"sizeGb\":20}";
                asked = new Asked(order, null, "EXTEND_VOLUME", volume, 20);
            } else {
                body = "{\"type\":\"SNAPSHOT\",\"target\":\"" + volume + "\"}";
                asked = new Asked(order, null, "SNAPSHOT", volume, null);
            }
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(orderService("/api/v1/orders/" + order + "/operations"))
                            .header("Authorization", "Bearer " + agent)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", "crash-drill-" + SEED + "-operation-" + order)
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (response.statusCode() != 201) {
                throw new IllegalStateException(
                        "operation on order " + order + " refused: " + response.statusCode() + " " + response.body());
            }
            UUID id = UUID.fromString(JSON.readTree(response.body()).path("id").asString());
            operations.add(new Asked(order, id, asked.type(), asked.target(), asked.value()));
            return;
        }
    }

    /**
     * Each operation as order-service tells it against its saga's outcome: COMPLETED for a completed
     * saga, with the resource as the operation made it (the new flavor, the new size, the snapshot
     * listed), FAILED for a compensated one.
     */
    private List<String> operationMismatches(String agent, List<Asked> operations, List<SagaRow> sagaRows) {
        Map<UUID, Map<String, Integer>> sagaStatusByOrder = new java.util.HashMap<>();
        sagaRows.forEach(row -> sagaStatusByOrder
                .computeIfAbsent(row.orderId(), order -> new java.util.TreeMap<>())
                .merge(row.status(), 1, Integer::sum));
        List<String> found = new ArrayList<>();
        for (Asked asked : operations) {
            String path = "/api/v1/orders/" + asked.order() + "/operations/" + asked.operation();
            JsonNode operation = JSON.readTree(send(HttpRequest.newBuilder(orderService(path))
                            .header("Authorization", "Bearer " + agent)
                            .GET())
                    .body());
            Map<String, Integer> saga = sagaStatusByOrder.getOrDefault(asked.order(), Map.of());
            String expected =
                    saga.containsKey("COMPLETED") ? "COMPLETED" : saga.containsKey("COMPENSATED") ? "FAILED" : "?";
            String status = operation.path("status").asString();
            if (!status.equals(expected)) {
                found.add("operation " + asked.operation() + " (" + asked.type() + ") " + status + ", saga " + saga);
                continue;
            }
            if (!status.equals("COMPLETED")) {
                continue;
            }
            JsonNode order = JSON.readTree(send(HttpRequest.newBuilder(orderService("/api/v1/orders/" + asked.order()))
                            .header("Authorization", "Bearer " + agent)
                            .GET())
                    .body());
            boolean shown = false;
            for (JsonNode resource : order.path("resources")) {
                String name = resource.path("name").asString();
                shown |= switch (asked.type()) {
                    case "RESIZE" ->
                        name.equals(asked.target())
                                && asked.value().equals(resource.path("flavor").asString());
                    case "EXTEND_VOLUME" ->
                        name.equals(asked.target()) && resource.path("sizeGb").asInt() == (Integer) asked.value();
                    default -> resource.path("kind").asString().equals("volume-snapshot");
                };
            }
            if (!shown) {
                found.add("operation " + asked.operation() + " (" + asked.type() + ") COMPLETED but order "
                        + asked.order() + " does not show it: " + order.path("resources"));
            }
        }
        return found;
    }

    /** Places order {@code index} as agent-police; empty when order-service refuses it. */
    private java.util.Optional<UUID> place(String agent, UUID offeringId, int index) {
        String body = """
                {"offeringId": "%s", "costCenter": "POL-001", "justification": "crash drill %d",
                 "parameters": {"flavor": "m1.small", "diskGb": 10, "image": "debian-12", "instanceCount": 1}}
                """.formatted(offeringId, index);
        HttpResponse<String> response = send(HttpRequest.newBuilder(orderService("/api/v1/orders"))
                .header("Authorization", "Bearer " + agent)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "crash-drill-" + SEED + "-" + index)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 201) {
            if (index > 0) {
                System.out.println(
                        "[crash-drill] order " + index + " refused: " + response.statusCode() + " " + response.body());
            }
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                UUID.fromString(JSON.readTree(response.body()).path("id").asString()));
    }

    private String orderStatus(String agent, UUID order) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(orderService("/api/v1/orders/" + order))
                .header("Authorization", "Bearer " + agent)
                .GET());
        return JSON.readTree(response.body()).path("status").asString("HTTP " + response.statusCode());
    }

    private void put(String path, String token, String body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(orderService(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    }

    private URI orderService(String path) {
        return stack.orders.baseUri().resolve(path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("order-service unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A VM stack offering: private network and subnet behind a router, a security group, a server and its data volume. */
    static OfferingState offering(UUID offeringId) {
        Map<String, Object> schema = Map.of(
                "$schema",
                "https://json-schema.org/draft/2020-12/schema",
                "type",
                "object",
                "additionalProperties",
                false,
                "required",
                List.of("flavor", "diskGb", "image", "instanceCount"),
                "properties",
                Map.of(
                        "flavor", Map.of("type", "string", "enum", List.of("m1.small", "m1.medium")),
                        "diskGb", Map.of("type", "integer", "minimum", 10, "maximum", 100),
                        "image", Map.of("type", "string", "enum", List.of("debian-12")),
                        "instanceCount", Map.of("type", "integer", "minimum", 1, "maximum", 2)));
        ResourceTemplate template = new ResourceTemplate(
                Map.of("m1.small", new ResourceTemplate.Flavor(1, 2), "m1.medium", new ResourceTemplate.Flavor(2, 4)),
                List.of(
                        new Resource("network", "network", List.of(), null, null, Map.of()),
                        new Resource(
                                "subnet",
                                "subnet",
                                List.of("network"),
                                null,
                                null,
                                Map.of("cidr", "10.10.0.0/24", "ipVersion", 4)),
                        new Resource("router", "router", List.of(), null, null, Map.of("externalNetwork", "public")),
                        new Resource(
                                "router-interface",
                                "router-interface",
                                List.of("router", "subnet"),
                                null,
                                null,
                                Map.of()),
                        new Resource(
                                "security-group",
                                "security-group",
                                List.of(),
                                null,
                                null,
                                Map.of(
                                        "rules",
                                        List.of(Map.of(
                                                "direction",
                                                "ingress",
                                                "protocol",
                                                "tcp",
                                                "portMin",
                                                22,
                                                "portMax",
                                                22,
                                                "remoteIpPrefix",
                                                "10.0.0.0/8")))),
                        new Resource(
                                "data-volume",
                                "volume",
                                List.of(),
                                "${instanceCount}",
                                null,
                                Map.of("sizeGb", "${diskGb}")),
                        new Resource(
                                "server",
                                "server",
                                List.of("subnet", "security-group"),
                                "${instanceCount}",
                                null,
                                Map.of("flavor", "${flavor}", "image", "${image}")),
                        new Resource(
                                "volume-attachment",
                                "volume-attachment",
                                List.of("server", "data-volume"),
                                null,
                                null,
                                Map.of())));
        return new OfferingState(
                offeringId,
                1,
                "drill-vm-" + offeringId.toString().substring(0, 8),
                new LocalizedText("Pile VM (exercice)", "VM stack (drill)"),
                new LocalizedText("Réseau, routeur, VM et volume", "Network, router, VM and volume"),
                "COMPUTE",
                new OfferingState.Provider("pi-cloud", "PI Cloud", true, "FR"),
                List.of("vm"),
                "GOLD",
                "1.0",
                "PUBLISHED",
                schema,
                template,
                List.of(new PriceList(
                        1,
                        LocalDate.of(2020, 1, 1),
                        "EUR",
                        Map.of(
                                PriceUnit.VCPU_HOUR, new BigDecimal("0.0125"),
                                PriceUnit.RAM_GB_HOUR, new BigDecimal("0.0042"),
                                PriceUnit.VOLUME_GB_MONTH, new BigDecimal("0.045"),
                                PriceUnit.SETUP_FEE, new BigDecimal("25")))));
    }
}
