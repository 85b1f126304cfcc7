package fr.picloud.localstack.journey;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.localstack.demo.DemoEndpoints;
import fr.picloud.localstack.issuer.IssuerClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's page times with 20 users at once (issue 16's goal: catalogue search and order page p95
 * under 100 ms on this 2-core machine), over the whole stack as {@code ./picloud up} runs it: each user
 * signs in through the issuer's login page (the authorization code flow, a session cookie of its own),
 * then asks the catalogue search page, an offering's page with its order form, and an order's page in
 * turn. Times are taken on loopback from the request to the last byte: the portal's time plus the
 * services' it calls, with the users' own sessions and tokens. Run with {@code ./mvnw -o -pl
 * infra/local-stack verify -Pbenchmark -Dit.test=PortalPageBenchmark}; figures in docs/portal.md.
 */
class PortalPageBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int USERS = Integer.getInteger("portal.benchmark.users", 20);
    private static final int ROUNDS = Integer.getInteger("portal.benchmark.rounds", 50);
    private static final int WARM_UP = 10;
    private static final String HTML = "text/html,application/xhtml+xml";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Test
    void twenty_users_at_once_on_the_catalogue_an_offering_and_an_order() throws Exception {
        JourneyStack stack = JourneyStack.shared();
        DemoEndpoints at = stack.endpoints();
        PortalJourneyIT.seedCatalogue(at);
        UUID offering = vmStack(at);
        UUID order = placeOrder(at, offering);
        URI portal = stack.portal();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("catalogue search", "/catalogue?q=machine+virtuelle");
        pages.put("offering and its order form", "/catalogue/" + offering);
        pages.put("order page", "/orders/" + order);

        List<HttpClient> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(signIn(portal, stack.demoPassword()));
        }
        Map<String, List<Long>> times = new LinkedHashMap<>();
        pages.keySet().forEach(page -> times.put(page, new ArrayList<>()));
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(USERS)) {
            List<Future<Map<String, List<Long>>>> runs = new ArrayList<>();
            for (HttpClient user : users) {
                runs.add(pool.submit(() -> browse(user, portal, pages)));
            }
            for (Future<Map<String, List<Long>>> run : runs) {
                run.get().forEach((page, measured) -> times.get(page).addAll(measured));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int requests = times.values().stream().mapToInt(List::size).sum();
        System.out.printf(
                "[portal-benchmark] %d users, %d rounds of %d pages each (after %d warm-up rounds): %d pages in %.1f s,"
                        + " %.0f pages/s; load average %s%n",
                USERS, ROUNDS, pages.size(), WARM_UP, requests, seconds, requests / seconds, loadAverage());
        times.forEach((page, measured) -> {
            long[] sorted =
                    measured.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "[portal-benchmark] %-28s p50 %5.1f ms  p95 %5.1f ms  p99 %5.1f ms  max %6.1f ms  (%d)%n",
                    page,
                    percentile(sorted, 50),
                    percentile(sorted, 95),
                    percentile(sorted, 99),
                    sorted[sorted.length - 1] / 1e6,
                    sorted.length);
        });
        assertThat(times.values()).allSatisfy(measured -> assertThat(measured).hasSize(USERS * ROUNDS));
    }

    /** One user's rounds: each page in turn, every answer a 200 with the page's own content. */
    private static Map<String, List<Long>> browse(HttpClient user, URI portal, Map<String, String> pages)
            throws IOException, InterruptedException {
        Map<String, List<Long>> times = new LinkedHashMap<>();
        for (int round = 0; round < WARM_UP + ROUNDS; round++) {
            for (Map.Entry<String, String> page : pages.entrySet()) {
                HttpRequest request = HttpRequest.newBuilder(portal.resolve(page.getValue()))
                        .header("Accept", HTML)
                        .timeout(Duration.ofSeconds(30))
                        .build();
                long start = System.nanoTime();
                HttpResponse<String> response = user.send(request, HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                assertThat(response.statusCode()).as(page.getKey()).isEqualTo(200);
                assertThat(response.body()).as(page.getKey()).contains("signed-in-user");
                if (round >= WARM_UP) {
                    times.computeIfAbsent(page.getKey(), key -> new ArrayList<>())
                            .add(took);
                }
            }
        }
        return times;
    }

    /** A user of their own (a cookie jar) signed in as agent-police through the issuer's login form. */
    private static HttpClient signIn(URI portal, String password) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        // as a browser asks: the issuer answers a client that does not accept HTML with a 401, not its login page
        HttpResponse<String> login = client.send(
                HttpRequest.newBuilder(portal.resolve("/catalogue"))
                        .header("Accept", HTML)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(login.body());
        assertThat(csrf.find())
                .as("the issuer's login form, at %s: %d %s", login.uri(), login.statusCode(), login.body())
                .isTrue();
        String form = "username=agent-police&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> back = client.send(
                HttpRequest.newBuilder(login.uri())
                        .header("Accept", HTML)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).as("back on the portal, signed in").contains("signed-in-user");
        return client;
    }

    private static UUID vmStack(DemoEndpoints at) throws IOException, InterruptedException {
        JsonNode hits = JSON.readTree(get(at, at.catalog(), "/api/v1/offerings?q=vm-stack&size=50", "agent-police"))
                .path("items");
        for (JsonNode hit : hits) {
            if (hit.path("code").asString().equals("vm-stack")) {
                return UUID.fromString(hit.path("id").asString());
            }
        }
        throw new IllegalStateException("no vm-stack offering in the catalogue: " + hits);
    }

    /** An order of agent-police (approval pending: its page is what the agent looks at meanwhile). */
    private static UUID placeOrder(DemoEndpoints at, UUID offering) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of(
                "offeringId",
                offering,
                "parameters",
                Map.of("flavor", "m1.small", "diskGb", 10, "image", "debian-12", "instanceCount", 1),
                "costCenter",
                "POL-001",
                "justification",
                "portal page benchmark"));
        HttpResponse<String> placed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(at.orders().resolve("/api/v1/orders"))
                                .header("Authorization", "Bearer " + new IssuerClient(at.issuer()).mint("agent-police"))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", "portal-benchmark-" + UUID.randomUUID())
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(placed.body()).path("id").asString());
    }

    private static String get(DemoEndpoints at, URI base, String path, String account)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.resolve(path))
                                .header("Authorization", "Bearer " + new IssuerClient(at.issuer()).mint(account))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static double percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static String loadAverage() {
        try {
            return Arrays.stream(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                            .split(" "))
                    .limit(3)
                    .reduce((a, b) -> a + " " + b)
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
