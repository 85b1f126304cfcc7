package fr.picloud.localstack.demo;

import fr.picloud.localstack.demo.DemoHttp.Reply;
import fr.picloud.localstack.service.PiCloudService;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * {@code picloud demo}: the platform's story against a running stack, told step by step with the ids
 * and a line per event; every step checks that things went as told. The same story is the
 * cross-service test ({@code PlatformJourneyIT}).
 */
public final class DemoStory {

    /** What the story leaves behind for a test to look at. */
    public record Outcome(
            boolean succeeded,
            List<String> failures,
            UUID completedOrder,
            UUID failedOrder,
            UUID completedSaga,
            String completedProject,
            String chargebackCsv,
            String inventoryBeforeMigration) {}

    private static final Map<String, Object> STACK = new LinkedHashMap<>(
            Map.of("flavor", "m1.medium", "diskGb", 20, "image", "debian-12", "instanceCount", 2, "floatingIp", true));
    private static final Map<String, Object> SMALL_STACK = new LinkedHashMap<>(
            Map.of("flavor", "m1.small", "diskGb", 10, "image", "debian-12", "instanceCount", 1, "floatingIp", false));

    private final DemoEndpoints at;
    private final DemoHttp http;
    private final PrintStream out;
    private final Path catalogFeed;
    private final List<String> failures = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private int step;

    public DemoStory(DemoEndpoints at, Path catalogFeed, PrintStream out) {
        this.at = at;
        this.http = new DemoHttp(at.issuer());
        this.out = out;
        this.catalogFeed = catalogFeed;
    }

    public Outcome tell() {
        Instant started = Instant.now();
        UUID offering = null;
        UUID first = null;
        UUID second = null;
        JsonNode firstSaga = null;
        String csv = null;
        String inventory = null;
        try {
            offering = seed();
            first = orderAndApprove(offering);
            firstSaga = followSaga(first, "COMPLETED");
            expectOrder(first, "COMPLETED");
            second = failingOrder(offering);
            csv = chargeback(first);
            inventory = http.get(null, at.emulator(), "/_emulator/inventory").body();
            dayTwo(first);
            endDate();
            migrate();
        } catch (DemoHttp.DemoFailure | IllegalStateException e) {
            fail("the story stopped: " + e.getMessage());
        } finally {
            http.delete(at.emulator(), "/_emulator/faults");
        }
        Duration took = Duration.between(started, Instant.now());
        out.println();
        out.println("==== summary ====");
        out.printf(
                "%d steps in %d s; %s%n",
                step, took.toSeconds(), failures.isEmpty() ? "everything went as told" : failures.size() + " did not:");
        failures.forEach(failure -> out.println("  ✗ " + failure));
        out.printf(
                "%nThe same story in the portal: http://127.0.0.1:%d/ (sign in as agent-police, approver-police,"
                        + " finance, ops, migration-lead or platform-admin; the password is in .picloud/demo-password)%n",
                PiCloudService.PORTAL.port());
        return new Outcome(
                failures.isEmpty(),
                List.copyOf(failures),
                first,
                second,
                firstSaga == null
                        ? null
                        : UUID.fromString(firstSaga.path("saga").path("id").asString()),
                firstSaga == null ? null : projectOf(firstSaga),
                csv,
                inventory);
    }

    // ---- the story ------------------------------------------------------------------------------

    private UUID seed() throws IllegalStateException {
        title("catalog-admin loads the demo catalogue; order-service holds the demo tenants");
        Reply feed;
        try {
            feed = importFeed();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("catalogue import: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("catalogue import: " + e.getMessage());
        }
        check(feed.ok(), "the catalogue import answered " + feed.status() + " " + feed.body());
        JsonNode report = feed.json();
        line(
                "catalogue: %s created, %s updated, %s unchanged, %s refused",
                report.path("created").asInt(),
                report.path("updated").asInt(),
                report.path("unchanged").asInt(),
                report.path("errors").size());
        Reply tenants = http.get("platform-admin", at.orders(), "/api/v1/tenants");
        check(tenants.ok(), "tenants: " + tenants.status());
        List<String> ids = tenants.json().findValuesAsString("id");
        line("tenants: %s", ids);
        check(ids.containsAll(List.of("police", "secciv", "dsic", "justice")), "the demo tenants are missing");

        title("agent-police browses the catalogue and quotes the reference VM stack");
        Reply search = http.get("agent-police", at.catalog(), "/api/v1/offerings?q=machine%20virtuelle");
        check(search.ok(), "search: " + search.status());
        JsonNode hits = search.json().path("items");
        line(
                "search \"machine virtuelle\": %d offerings, first: %s",
                search.json().path("total").asInt(hits.size()),
                hits.isEmpty() ? "-" : hits.get(0).path("code").asString());
        UUID offering = null;
        for (JsonNode hit : search.json().findParents("code")) {
            if ("vm-stack".equals(hit.path("code").asString()) && hit.hasNonNull("id")) {
                offering = UUID.fromString(hit.path("id").asString());
            }
        }
        if (offering == null) {
            Reply all = http.get("agent-police", at.catalog(), "/api/v1/offerings?q=vm-stack&size=50");
            for (JsonNode hit : all.json().findParents("code")) {
                if ("vm-stack".equals(hit.path("code").asString()) && hit.hasNonNull("id")) {
                    offering = UUID.fromString(hit.path("id").asString());
                }
            }
        }
        check(offering != null, "the reference VM stack (vm-stack) is not in the catalogue");
        if (offering == null) {
            throw new IllegalStateException("no vm-stack offering");
        }
        Reply quote = http.post(
                "agent-police",
                at.catalog(),
                "/api/v1/offerings/" + offering + "/quote",
                Map.of("parameters", STACK),
                Map.of());
        check(quote.ok(), "quote: " + quote.status() + " " + quote.body());
        line(
                "vm-stack %s: 2 x m1.medium, 2 x 20 GB, a public IP: %s EUR a month, %s EUR once",
                offering,
                quote.json().path("monthlyTotal").asString(),
                quote.json().path("oneTimeFees").asString());
        return offering;
    }

    private Reply importFeed() throws java.io.IOException, InterruptedException {
        String body = Files.readString(catalogFeed);
        var request = java.net.http.HttpRequest.newBuilder(at.catalog().resolve("/api/v1/offerings/import"))
                .header("Content-Type", catalogFeed.toString().endsWith(".csv") ? "text/csv" : "application/jsonl")
                .header(
                        "Authorization",
                        "Bearer " + new fr.picloud.localstack.issuer.IssuerClient(at.issuer()).mint("catalog-admin"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofMinutes(2))
                .build();
        var response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private UUID orderAndApprove(UUID offering) {
        title("agent-police orders it; approver-police approves");
        Reply placed = eventually("the order to be accepted (order-service replicates the catalogue)", () -> {
            Reply reply = http.post(
                    "agent-police",
                    at.orders(),
                    "/api/v1/orders",
                    Map.of(
                            "offeringId",
                            offering,
                            "parameters",
                            STACK,
                            "costCenter",
                            "POL-001",
                            "justification",
                            "demo " + run + ": application server for the case-tracking system"),
                    Map.of("Idempotency-Key", "demo-" + run + "-1"));
            return reply.status() == 201 ? reply : null;
        });
        UUID order = UUID.fromString(placed.json().path("id").asString());
        line(
                "order %s placed: %s, %s EUR a month",
                order,
                placed.json().path("status").asString(),
                placed.json().path("quote").path("monthlyTotal").asString());
        check(
                "PENDING_APPROVAL".equals(placed.json().path("status").asString()),
                "above police's auto-approval amount the order should wait for an approver");
        Reply approved = http.post(
                "approver-police",
                at.orders(),
                "/api/v1/orders/" + order + "/approve",
                Map.of("reason", "budget line 2026-POL-17"),
                Map.of());
        check(approved.ok(), "approval: " + approved.status() + " " + approved.body());
        line("approver-police approved: %s", approved.json().path("status").asString());
        return order;
    }

    private JsonNode followSaga(UUID order, String expected) {
        title("the saga provisions it on OpenStack (the emulator), step by step");
        JsonNode listed = eventually("provisioning-service to start the order's saga", () -> {
            JsonNode sagas = http.get("ops", at.provisioning(), "/api/v1/sagas?orderId=" + order)
                    .json();
            return sagas.isArray() && !sagas.isEmpty() ? sagas.get(0) : null;
        });
        String sagaId = listed.path("id").asString();
        line("saga %s started", sagaId);
        Set<String> shown = new HashSet<>();
        JsonNode details = eventually("the saga " + sagaId + " to end", Duration.ofMinutes(3), () -> {
            JsonNode saga = http.get("ops", at.provisioning(), "/api/v1/sagas/" + sagaId)
                    .json();
            for (JsonNode s : saga.path("steps")) {
                String key = s.path("name").asString() + "/" + s.path("status").asString();
                // a step undone that never built anything is not worth a line
                boolean built =
                        s.path("resource").isObject() || s.path("lastError").isString();
                if (shown.add(key)
                        && (s.path("status").asString().equals("DONE")
                                || (built
                                        && List.of("FAILED", "UNDONE", "UNDO_FAILED")
                                                .contains(s.path("status").asString())))) {
                    line(
                            "  %-20s %-8s %s",
                            s.path("name").asString(),
                            s.path("status").asString(),
                            s.path("status").asString().equals("DONE")
                                    ? s.path("durationMs").asLong() + " ms "
                                            + s.path("resource").path("id").asString()
                                    : s.path("lastError").asString(""));
                }
            }
            String status = saga.path("saga").path("status").asString();
            return List.of("COMPLETED", "COMPENSATED", "COMPENSATION_FAILED").contains(status) ? saga : null;
        });
        String status = details.path("saga").path("status").asString();
        line(
                "saga %s: %s%s",
                sagaId,
                status,
                details.path("saga").path("reason").isString()
                        ? " (" + details.path("saga").path("reason").asString() + ")"
                        : "");
        check(expected.equals(status), "the saga ended " + status + ", expected " + expected);
        return details;
    }

    private void expectOrder(UUID order, String status) {
        JsonNode view = eventually("order " + order + " to be " + status, () -> {
            JsonNode o = http.get("agent-police", at.orders(), "/api/v1/orders/" + order)
                    .json();
            return status.equals(o.path("status").asString()) ? o : null;
        });
        line(
                "order %s is %s; timeline: %s",
                order, status, view.path("timeline").findValuesAsString("action"));
    }

    private UUID failingOrder(UUID offering) {
        title("a second order fails at the server step (injected) and is compensated; its quota is released");
        JsonNode before = http.get("agent-police", at.orders(), "/api/v1/tenants/police/quota")
                .json();
        http.put(
                null,
                at.emulator(),
                "/_emulator/faults",
                Map.of("createFailures", Map.of("server", Map.of("count", 1, "status", 400))));
        line("emulator: the next server create answers 400");
        Reply placed = http.post(
                "agent-police",
                at.orders(),
                "/api/v1/orders",
                Map.of(
                        "offeringId",
                        offering,
                        "parameters",
                        SMALL_STACK,
                        "costCenter",
                        "POL-002",
                        "justification",
                        "demo " + run + ": training VM"),
                Map.of("Idempotency-Key", "demo-" + run + "-2"));
        check(placed.status() == 201, "second order: " + placed.status() + " " + placed.body());
        UUID order = UUID.fromString(placed.json().path("id").asString());
        line(
                "order %s placed: %s (below the auto-approval amount)",
                order, placed.json().path("status").asString());
        followSaga(order, "COMPENSATED");
        expectOrder(order, "FAILED");
        JsonNode after = eventually("police's reservation to be released", () -> {
            JsonNode now = http.get("agent-police", at.orders(), "/api/v1/tenants/police/quota")
                    .json();
            return now.path("available").equals(before.path("available")) ? now : null;
        });
        line(
                "police quota: %s vCPU available before the order, %s after its compensation (reservation released)",
                before.path("available").path("vcpus").asString(),
                after.path("available").path("vcpus").asString());
        check(before.path("available").equals(after.path("available")), "police's quota was not released");
        return order;
    }

    private String chargeback(UUID order) {
        title("finance pulls the month's chargeback as CSV");
        String period = YearMonth.now(ZoneId.of("Europe/Paris")).toString();
        Reply csv = eventually("the chargeback to list order " + order, () -> {
            Reply reply = http.getCsv("finance", at.billing(), "/api/v1/chargeback/" + period + "?tenant=police");
            return reply.ok() && reply.body().contains(order.toString()) ? reply : null;
        });
        List<String> lines = csv.body().lines().toList();
        line("GET /api/v1/chargeback/%s?tenant=police (text/csv): %d lines", period, lines.size());
        line("  %s", lines.getFirst());
        lines.stream().filter(l -> l.contains(order.toString())).limit(6).forEach(l -> line("  %s", l));
        return csv.body();
    }

    private void dayTwo(UUID order) {
        title("day 2: agent-police resizes a server of the first order and snapshots its data volume");
        JsonNode view =
                http.get("agent-police", at.orders(), "/api/v1/orders/" + order).json();
        String server = firstOfKind(view, "server");
        String volume = firstOfKind(view, "volume");
        if (server == null || volume == null) {
            fail("order " + order + " lists no server or no volume to operate on: " + view.path("resources"));
            return;
        }
        operate(order, Map.of("type", "RESIZE", "target", server, "flavor", "m1.large"), "resize");
        operate(order, Map.of("type", "SNAPSHOT", "target", volume), "snapshot");
        JsonNode after =
                http.get("agent-police", at.orders(), "/api/v1/orders/" + order).json();
        for (JsonNode resource : after.path("resources")) {
            if (resource.path("name").asString().equals(server)) {
                line(
                        "  %s is now %s (%d vCPU, %d GB)",
                        server,
                        resource.path("flavor").asString(),
                        resource.path("vcpus").asInt(),
                        resource.path("ramGb").asInt());
                check(
                        "m1.large".equals(resource.path("flavor").asString()),
                        server + " should be m1.large after its resize");
            }
        }
        check(firstOfKind(after, "volume-snapshot") != null, "the order should list the snapshot of " + volume);
    }

    /** Asks for an operation, has approver-police approve it when the policy wants it, and follows it to its end. */
    private void operate(UUID order, Map<String, Object> operation, String what) {
        Reply asked = http.post(
                "agent-police",
                at.orders(),
                "/api/v1/orders/" + order + "/operations",
                operation,
                Map.of("Idempotency-Key", "demo-" + run + "-" + what));
        if (asked.status() != 201) {
            fail(what + ": " + asked.status() + " " + asked.body());
            return;
        }
        String id = asked.json().path("id").asString();
        String path = "/api/v1/orders/" + order + "/operations/" + id;
        line(
                "%s asked: %s (%s)",
                what,
                asked.json().path("status").asString(),
                asked.json().path("description").asString(""));
        if ("PENDING_APPROVAL".equals(asked.json().path("status").asString())) {
            Reply approved = http.post("approver-police", at.orders(), path + "/approve", null, Map.of());
            check(approved.ok(), what + " approval: " + approved.status() + " " + approved.body());
            line(
                    "approver-police approved the %s (+%s EUR a month)",
                    what, asked.json().path("monthlyDelta").asString());
        }
        JsonNode done = eventually("the " + what + " to end", Duration.ofMinutes(2), () -> {
            JsonNode current = http.get("agent-police", at.orders(), path).json();
            return List.of("COMPLETED", "FAILED", "REJECTED")
                            .contains(current.path("status").asString())
                    ? current
                    : null;
        });
        line(
                "%s: %s%s",
                what,
                done.path("status").asString(),
                done.path("reason").isString() ? " (" + done.path("reason").asString() + ")" : "");
        check(
                "COMPLETED".equals(done.path("status").asString()),
                "the " + what + " ended " + done.path("status").asString());
    }

    /**
     * An order of the test environment (an offering whose orders end within 90 days) with an end date
     * a few seconds ahead, which the local stack allows (ServiceProcess.demoEnvironment): extended
     * once, reminded, then decommissioned by the platform itself at its date.
     */
    private void endDate() {
        title(
                "a test environment with an end date: extended once, reminded, decommissioned by the platform at its date");
        UUID offering = offeringByCode("vm-test");
        if (offering == null) {
            fail("the test environment (vm-test) is not in the catalogue");
            return;
        }
        Map<String, Object> parameters = new LinkedHashMap<>(Map.of("image", "debian-12", "diskGb", 10));
        Map<String, Object> order = new LinkedHashMap<>(Map.of(
                "offeringId",
                offering,
                "parameters",
                parameters,
                "costCenter",
                "POL-002",
                "justification",
                "demo " + run + ": acceptance tests of the case-tracking system"));
        Reply refused = http.post(
                "agent-police", at.orders(), "/api/v1/orders", order, Map.of("Idempotency-Key", "demo-" + run + "-3a"));
        line(
                "without an end date: %d %s",
                refused.status(), refused.json().path("detail").asString(""));
        check(refused.status() == 422, "an order of vm-test without an end date should be refused (422)");

        Instant endsAt = Instant.now().plusSeconds(28).truncatedTo(ChronoUnit.SECONDS);
        order.put("endsAt", endsAt.toString());
        Reply placed = http.post(
                "agent-police", at.orders(), "/api/v1/orders", order, Map.of("Idempotency-Key", "demo-" + run + "-3"));
        if (placed.status() != 201) {
            fail("the test environment's order: " + placed.status() + " " + placed.body());
            return;
        }
        UUID id = UUID.fromString(placed.json().path("id").asString());
        line("order %s placed: %s, ends at %s", id, placed.json().path("status").asString(), endsAt);
        eventually("the test environment to be built", Duration.ofMinutes(2), () -> {
            String status = http.get("agent-police", at.orders(), "/api/v1/orders/" + id)
                    .json()
                    .path("status")
                    .asString();
            return "COMPLETED".equals(status) ? status : null;
        });
        line("order %s COMPLETED", id);

        Instant later =
                max(endsAt.plusSeconds(10), Instant.now().plusSeconds(23)).truncatedTo(ChronoUnit.SECONDS);
        Reply extended = http.post(
                "agent-police",
                at.orders(),
                "/api/v1/orders/" + id + "/operations",
                Map.of("type", "SET_EXPIRY", "endsAt", later.toString()),
                Map.of("Idempotency-Key", "demo-" + run + "-extend"));
        check(extended.status() == 201, "the extension: " + extended.status() + " " + extended.body());
        line(
                "agent-police extends it to %s: %s",
                later, extended.json().path("status").asString());
        Reply again = http.post(
                "agent-police",
                at.orders(),
                "/api/v1/orders/" + id + "/operations",
                Map.of("type", "SET_EXPIRY", "endsAt", later.plusSeconds(60).toString()),
                Map.of("Idempotency-Key", "demo-" + run + "-extend-again"));
        line(
                "a second extension: %d %s",
                again.status(), again.json().path("detail").asString(""));
        check(again.status() == 409, "a second extension should be refused (409)");

        JsonNode ended =
                eventually("the platform to decommission the order at its end date", Duration.ofMinutes(2), () -> {
                    JsonNode view = http.get("agent-police", at.orders(), "/api/v1/orders/" + id)
                            .json();
                    return "DECOMMISSIONED".equals(view.path("status").asString()) ? view : null;
                });
        for (JsonNode entry : ended.path("timeline")) {
            String action = entry.path("action").asString();
            if (action.startsWith("END_") || action.startsWith("DECOMMISSION")) {
                line(
                        "  %s %s by %s: %s",
                        entry.path("at").asString(),
                        action,
                        entry.path("actor").asString(),
                        entry.path("reason").asString(""));
            }
        }
        List<String> actions = ended.path("timeline").findValuesAsString("action");
        check(actions.contains("END_REMINDER"), "the order's owner should have been reminded of its end date");
        check(actions.contains("END_REACHED"), "the timeline should say the end date came");
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private UUID offeringByCode(String code) {
        Reply found = http.get("agent-police", at.catalog(), "/api/v1/offerings?q=" + code + "&size=50");
        for (JsonNode hit : found.json().findParents("code")) {
            if (code.equals(hit.path("code").asString()) && hit.hasNonNull("id")) {
                return UUID.fromString(hit.path("id").asString());
            }
        }
        return null;
    }

    private static String firstOfKind(JsonNode order, String kind) {
        for (JsonNode resource : order.path("resources")) {
            if (resource.path("kind").asString().equals(kind)) {
                return resource.path("name").asString();
            }
        }
        return null;
    }

    private void migrate() {
        title("migration-lead imports the 420-application sample, plans waves, launches the first one");
        Reply imported = http.post("migration-lead", at.migration(), "/api/v1/inventory/sample", null, Map.of());
        check(imported.ok(), "sample import: " + imported.status() + " " + imported.body());
        line("inventory: %s", summary(imported.json()));
        Reply plan = eventually("migration-service to know the target offering (catalogue replica)", () -> {
            Reply reply = http.post(
                    "migration-lead",
                    at.migration(),
                    "/api/v1/waves/plan",
                    Map.of(
                            "fraction", 0.34,
                            "capacity", Map.of("applications", 10, "vcpus", 200),
                            "startDate", java.time.LocalDate.now().plusDays(7).toString()),
                    Map.of());
            if (reply.status() == 422 && !reply.body().contains("offering")) {
                throw new IllegalStateException("the plan was refused: " + reply.body());
            }
            return reply.status() == 201 ? reply : null;
        });
        JsonNode waves = plan.json().path("waves");
        line(
                "plan v%s: %d waves; first wave %s on %s: %s",
                plan.json().path("version").asString(),
                waves.size(),
                waves.path(0).path("id").asString(),
                waves.path(0).path("startDate").asString(),
                waves.path(0).path("members").findValuesAsString("applicationId"));
        check(!waves.isEmpty(), "the plan has no wave");
        if (waves.isEmpty()) {
            return;
        }
        String wave = waves.get(0).path("id").asString();
        Reply launched =
                http.post("migration-lead", at.migration(), "/api/v1/waves/" + wave + "/launch", null, Map.of());
        check(launched.ok(), "launch: " + launched.status() + " " + launched.body());
        line("wave %s launched: %s", wave, summary(launched.json()));
        int size = waves.get(0).path("applications").asInt();
        JsonNode progress = eventually("every application of the wave to have its order", () -> {
            JsonNode p = http.get("migration-lead", at.migration(), "/api/v1/progress")
                    .json();
            for (JsonNode w : p.path("waves")) {
                JsonNode by = w.path("byStatus");
                if (w.path("id").asString().equals(wave)
                        && by.path("PLANNED").asInt() == 0
                        && by.path("PROVISIONING").asInt()
                                        + by.path("READY_FOR_CUTOVER").asInt()
                                        + by.path("MIGRATED").asInt()
                                        + by.path("FAILED").asInt()
                                == size) {
                    return p;
                }
            }
            return null;
        });
        // launching sets PROVISIONING at once; an order is placed when order-service answers the request
        JsonNode members = eventually("order-service to answer every request of the wave", () -> {
            JsonNode w = http.get("migration-lead", at.migration(), "/api/v1/waves/" + wave)
                    .json();
            boolean answered = w.path("members").size() == size
                    && w.path("members")
                            .valueStream()
                            .noneMatch(m -> m.path("orderStatus").asString().equals("REQUESTED"));
            return answered ? w.path("members") : null;
        });
        line(
                "orders of the wave: %s",
                members.valueStream()
                        .collect(Collectors.groupingBy(
                                m -> m.path("orderStatus").asString(), TreeMap::new, Collectors.counting())));
        for (JsonNode w : progress.path("waves")) {
            if (w.path("id").asString().equals(wave)) {
                line("wave %s: %s", w.path("number").asString(), w.path("byStatus"));
            }
        }
        line(
                "portfolio: %s; cost a month before %s EUR, after the plan %s EUR",
                progress.path("byStatus"),
                progress.path("costBefore").asString(),
                progress.path("costAfterPlan").asString());
    }

    // ---- telling and checking --------------------------------------------------------------------

    private void title(String text) {
        step++;
        out.println();
        out.printf("▶ %d. %s%n", step, text);
    }

    private void line(String format, Object... args) {
        out.println("   " + String.format(format, args));
    }

    private void check(boolean as, String otherwise) {
        if (!as) {
            fail("step " + step + ": " + otherwise);
        }
    }

    private void fail(String failure) {
        failures.add(failure);
        out.println("   ✗ " + failure);
    }

    private <T> T eventually(String what, Supplier<T> attempt) {
        return eventually(what, Duration.ofSeconds(90), attempt);
    }

    private <T> T eventually(String what, Duration patience, Supplier<T> attempt) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            T result = attempt.get();
            if (result != null) {
                return result;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("waited " + patience.toSeconds() + " s for " + what);
    }

    private static String summary(JsonNode node) {
        String text = node.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String projectOf(JsonNode saga) {
        for (JsonNode step : saga.path("steps")) {
            if ("project".equals(step.path("kind").asString())) {
                return step.path("resource").path("id").asString(null);
            }
        }
        return null;
    }

    /** For {@code picloud demo}: the story against the standard local stack. */
    public static int run(PrintStream out) {
        return new DemoStory(
                                DemoEndpoints.localStack(),
                                Path.of("catalog-service/src/main/resources/seed/demo-catalog.jsonl"),
                                out)
                        .tell()
                        .succeeded()
                ? 0
                : 1;
    }
}
