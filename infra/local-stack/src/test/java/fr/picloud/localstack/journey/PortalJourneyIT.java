package fr.picloud.localstack.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import fr.picloud.localstack.demo.DemoEndpoints;
import fr.picloud.localstack.issuer.IssuerClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The portal in a real browser (Debian's headless Chromium) over the whole stack: agent-police signs in
 * at the issuer, searches the catalogue, fills the form generated from the reference VM stack's schema,
 * sees the live quote and a field error from the service, orders (with a double click, which makes one
 * order); approver-police, in a browser of their own, approves it from the inbox and watches the order's
 * page reach COMPLETED without reloading it; finance finds police's statement in the month's chargeback
 * and the order in its CSV. Screenshots go to {@code target/portal-screenshots/}.
 */
@Order(2)
class PortalJourneyIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");
    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final Duration PROVISIONING = Duration.ofMinutes(3);
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    /** Each page checked by axe-core, with its serious and critical violations. */
    private final Map<String, List<String>> accessibility = new LinkedHashMap<>();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JourneyStack stack;
    private static URI portal;
    private final List<WebDriver> browsers = new java.util.ArrayList<>();

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browser) {
            System.err.println("PortalJourneyIT SKIPPED: no " + CHROMIUM + " or " + CHROMEDRIVER
                    + "; install them (as root: apt-get update && apt-get install -y chromium chromium-driver)"
                    + " to run the portal's browser journey, as .ci/run does");
        }
        assumeTrue(
                browser,
                "the portal's browser journey needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + ": apt-get install -y chromium chromium-driver");
        stack = JourneyStack.shared();
        portal = stack.portal();
        seedCatalogue(stack.endpoints());
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void an_agent_orders_the_vm_stack_in_the_browser_and_an_approver_sees_it_through_to_completed() throws Exception {
        try {
            journey();
        } catch (Exception | AssertionError e) {
            for (int i = 0; i < browsers.size(); i++) {
                screenshot(browsers.get(i), "failure-" + i);
                Files.writeString(
                        SCREENSHOTS.resolve("failure-" + i + ".html"),
                        browsers.get(i).getPageSource());
            }
            throw e;
        }
    }

    private void journey() throws Exception {
        long ordersBefore = orderCount();
        WebDriver agent = browser("agent");
        signIn(agent, "agent-police", "/catalogue");

        // the catalogue: search, facets, results
        agent.findElement(By.id("search-q")).sendKeys("machine virtuelle");
        agent.findElement(By.id("search-submit")).click();
        waitFor(agent, PAGE, "the page").until(ExpectedConditions.urlContains("q=machine"));
        assertThat(agent.findElement(By.id("result-count")).getText()).containsPattern("\\d+ offres");
        assertThat(agent.findElements(By.cssSelector(".portal-facets .fr-tag"))).isNotEmpty();
        screenshot(agent, "portal-catalogue");
        accessible(agent, "catalogue");
        agent.findElement(By.cssSelector("a[data-code='vm-stack']")).click();

        // the form generated from the schema, with the live quote
        waitFor(agent, PAGE, "the page").until(ExpectedConditions.presenceOfElementLocated(By.id("order-form")));
        new Select(agent.findElement(By.id("p-flavor"))).selectByValue("m1.medium");
        new Select(agent.findElement(By.id("p-image"))).selectByValue("debian-12");
        type(agent, "p-diskGb", "20");
        type(agent, "p-instanceCount", "11");
        waitFor(agent, PAGE, "the service's violation of instanceCount's maximum, beside the field")
                .until(driver -> !driver.findElement(By.id("error-instanceCount"))
                        .getText()
                        .isBlank());
        type(agent, "p-instanceCount", "2");
        agent.findElement(By.cssSelector("label[for='p-floatingIp']")).click();
        waitFor(agent, PAGE, "the live quote for 2 x m1.medium")
                .until(driver -> !driver.findElements(By.id("quote-total")).isEmpty()
                        && driver.findElement(By.id("error-instanceCount"))
                                .getText()
                                .isBlank());
        assertThat(agent.findElement(By.id("quote-total")).getText()).contains("EUR");
        assertThat(agent.findElement(By.cssSelector("#quota-left [data-limit='instances']"))
                        .getText())
                .as("what police has left, beside the order form")
                .containsPattern("\\d+ / \\d+");
        type(agent, "cost-center", "POL-001");
        type(agent, "justification", "portal journey: application server for the case-tracking system");
        screenshot(agent, "portal-order");
        accessible(agent, "offering and order form");

        // a double click places one order
        new Actions(agent).doubleClick(agent.findElement(By.id("place-order"))).perform();
        waitFor(agent, PAGE, "the page").until(ExpectedConditions.presenceOfElementLocated(By.id("placed")));
        UUID order = UUID.fromString(URI.create(agent.getCurrentUrl()).getPath().substring("/orders/".length()));
        assertThat(status(agent)).isEqualTo("PENDING_APPROVAL");
        assertThat(orderCount()).as("orders of police after a double click").isEqualTo(ordersBefore + 1);

        // the approver's inbox, in a browser of their own
        WebDriver approver = browser("approver");
        signIn(approver, "approver-police", "/approvals");
        accessible(approver, "approvals inbox");
        approver.findElement(By.cssSelector("tr[data-order='" + order + "'] button.approve"))
                .click();
        waitFor(approver, PAGE, "the page").until(ExpectedConditions.presenceOfElementLocated(By.id("decided")));
        approver.get(portal.resolve("/orders/" + order).toString());
        countLiveEvents(approver);

        // the order's page follows the saga without a reload
        waitFor(approver, PROVISIONING, "order " + order + " COMPLETED on its page")
                .until(driver -> "COMPLETED".equals(status(driver)));
        assertThat(approver.findElements(By.cssSelector("#resources tbody tr")))
                .extracting(WebElement::getText)
                .anySatisfy(row -> assertThat(row).contains("server"))
                .anySatisfy(row -> assertThat(row).contains("floating-ip"));
        // each step of the saga, as provisioning reported it, heard over the order's live feed
        waitFor(approver, PROVISIONING, "the build's steps all done on order " + order + "'s page")
                .until(driver -> !driver.findElements(
                                By.cssSelector("#saga[data-kind='PROVISION'][data-phase='COMPLETED']"))
                        .isEmpty());
        assertThat(approver.findElements(By.cssSelector("#steps tbody tr")))
                .as("the build's steps")
                .hasSizeGreaterThan(2)
                .allSatisfy(row -> assertThat(row.getAttribute("data-state")).isEqualTo("DONE"));
        assertThat(liveEventsHeard(approver))
                .as("events the page heard on the order's live feed (server-sent events) while it moved")
                .isPositive();
        screenshot(approver, "portal-order-completed");
        accessible(approver, "order completed");

        // finance sees the month's chargeback of police, and its CSV holds the order's lines
        WebDriver finance = browser("finance");
        signIn(finance, "finance", "/finance");
        waitFor(finance, PAGE, "police's statement in the month's chargeback").until(driver -> {
            driver.navigate().refresh();
            return !driver.findElements(By.cssSelector("#statements tr[data-tenant='police']"))
                    .isEmpty();
        });
        assertThat(finance.findElements(By.cssSelector("#spend-chart g[data-tenant='police'] rect.portal-spent")))
                .as("police's spend drawn in the month's chart")
                .hasSize(1);
        assertThat(finance.findElements(By.cssSelector("#daily-chart circle.portal-day")))
                .as("the month's spend drawn day by day, up to today")
                .hasSize(LocalDate.now(ZoneId.of("Europe/Paris")).getDayOfMonth());
        screenshot(finance, "portal-finance");
        accessible(finance, "finance");
        String csv = (String) ((JavascriptExecutor) finance)
                .executeAsyncScript(
                        "fetch(arguments[0]).then(r => r.text()).then(arguments[arguments.length - 1])",
                        finance.findElement(By.id("chargeback-csv")).getAttribute("href"));
        assertThat(csv).contains(order.toString());

        // from police's statement to the order's line, its explanation and the order it names
        finance.findElement(By.cssSelector("#statements tr[data-tenant='police'] a.statement-link"))
                .click();
        By orderLine = By.cssSelector("#statement-lines tr[data-order='" + order + "'] a.line-link");
        waitFor(finance, PAGE, "the order's lines on police's statement").until(driver -> {
            driver.navigate().refresh();
            return !driver.findElements(orderLine).isEmpty();
        });
        screenshot(finance, "portal-finance-statement");
        accessible(finance, "finance statement");
        finance.findElement(orderLine).click();
        waitFor(finance, PAGE, "the line's explanation")
                .until(ExpectedConditions.presenceOfElementLocated(By.id("line-order-id")));
        assertThat(finance.findElement(By.id("line-order-id")).getText())
                .as("the order the line charges")
                .isEqualTo(order.toString());
        assertThat(finance.findElement(By.id("line-order-link")).getAttribute("href"))
                .endsWith("/orders/" + order);
        screenshot(finance, "portal-finance-line");
        accessible(finance, "finance statement line");

        // day 2: the agent stops one of the order's servers from its page and watches the operation end
        agent.get(portal.resolve("/orders/" + order).toString());
        waitFor(agent, PAGE, "the order's day-2 forms")
                .until(ExpectedConditions.presenceOfElementLocated(By.id("power-form")));
        assertThat(new Select(agent.findElement(By.id("resize-flavor")))
                        .getOptions().stream().map(WebElement::getText))
                .as("the offering's flavors to resize to")
                .contains("m1.large");
        new Actions(agent).doubleClick(agent.findElement(By.id("stop-submit"))).perform();
        waitFor(agent, PAGE, "the page").until(ExpectedConditions.presenceOfElementLocated(By.id("operation-outcome")));
        waitFor(agent, PROVISIONING, "the STOP operation COMPLETED on the order's page")
                .until(driver -> driver.findElements(By.cssSelector("#operations tr[data-type='STOP']")).stream()
                        .anyMatch(row -> "COMPLETED".equals(row.getAttribute("data-status"))));
        assertThat(agent.findElements(By.cssSelector("#operations tr[data-type='STOP']")))
                .as("a double click asks once")
                .hasSize(1);
        screenshot(agent, "portal-order-operations");
        accessible(agent, "order with its operations");

        // an end date from the order's page: shown with the warning once the end is near
        agent.navigate().refresh();
        LocalDate lastDay = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(10);
        ((JavascriptExecutor) agent)
                .executeScript(
                        "arguments[0].value = arguments[1]", agent.findElement(By.id("end-date")), lastDay.toString());
        agent.findElement(By.id("end-date-submit")).click();
        waitFor(agent, PAGE, "the end date on the order's page")
                .until(ExpectedConditions.presenceOfElementLocated(By.id("order-end")));
        assertThat(agent.findElement(By.id("order-end")).getText())
                .contains(lastDay.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        assertThat(agent.findElements(By.id("end-soon")))
                .as("10 days away: the page warns")
                .isNotEmpty();
        screenshot(agent, "portal-order-end-date");
        accessible(agent, "order with an end date");

        // an offering whose orders must end: its form asks for the last day, within 90 days
        agent.get(portal.resolve("/catalogue?q=vm-test").toString());
        agent.findElement(By.cssSelector("a[data-code='vm-test']")).click();
        waitFor(agent, PAGE, "the test environment's form")
                .until(ExpectedConditions.presenceOfElementLocated(By.id("ends-on")));
        WebElement endsOn = agent.findElement(By.id("ends-on"));
        assertThat(endsOn.getAttribute("required")).as("an end date required").isNotNull();
        assertThat(endsOn.getAttribute("max"))
                .isEqualTo(LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(89).toString());

        // and decommissions the order behind a confirmation page
        agent.get(portal.resolve("/orders/" + order).toString());
        agent.findElement(By.id("decommission-link")).click();
        waitFor(agent, PAGE, "the confirmation page")
                .until(ExpectedConditions.presenceOfElementLocated(By.id("decommission-confirm")));
        accessible(agent, "decommission confirmation");
        agent.findElement(By.id("decommission-confirm")).click();
        waitFor(agent, PROVISIONING, "order " + order + " DECOMMISSIONED on its page")
                .until(driver -> "DECOMMISSIONED".equals(status(driver)));

        // a session that ended (idle 30 min, or the portal restarted) and the issuer's with it: the agent
        // signs in again and lands on the page asked for, not on the home page
        agent.manage().deleteAllCookies();
        agent.get(stack.issuer().resolve("/.well-known/openid-configuration").toString());
        agent.manage().deleteAllCookies();
        signIn(agent, "agent-police", "/orders/" + order);
        assertThat(status(agent))
                .as("the page asked for, after signing in again")
                .isEqualTo("DECOMMISSIONED");

        // ops: the platform's events, the consumers' lag, and the order's timeline across the services
        WebDriver ops = browser("ops");
        signIn(ops, "ops", "/ops");
        assertThat(ops.findElements(By.cssSelector("[data-unavailable]")))
                .as("parts of the ops page whose service did not answer")
                .isEmpty();
        assertThat(ops.findElements(By.cssSelector("#consumers tbody tr"))).isNotEmpty();
        type(ops, "filter-order", order.toString());
        ops.findElement(By.id("filter-submit")).click();
        waitFor(ops, PAGE, "the order's events in the filtered list")
                .until(driver ->
                        !driver.findElements(By.cssSelector("#events tbody tr")).isEmpty());
        screenshot(ops, "portal-ops");
        accessible(ops, "ops");
        ops.get(portal.resolve("/ops/orders/" + order).toString());
        assertThat(ops.findElements(By.cssSelector("#timeline li")))
                .extracting(row -> row.getAttribute("data-type"))
                .as("the order's timeline across the services")
                .contains("picloud.order.placed", "picloud.order.approved", "picloud.order.decommission-requested");
        accessible(ops, "order timeline");

        // ops takes a saga in hand: an order whose build fails (the floating IP refused) and whose undo
        // cannot delete its server (the emulator refuses every delete) ends COMPENSATION_FAILED; once the
        // cloud is well again, ops retries it from the page and it ends COMPENSATED
        ops.get(portal.resolve("/ops").toString());
        countLiveEvents(ops);
        api("PUT", stack.endpoints().emulator(), "/_emulator/faults", null, """
                {"createFailures": {"floatingip": {"count": 1, "status": 400}}, "deleteFailures": {"server": 1000}}""");
        JsonNode built =
                JSON.readTree(api("GET", stack.endpoints().orders(), "/api/v1/orders/" + order, "agent-police", null));
        ObjectNode again = JSON.createObjectNode()
                .put("offeringId", built.path("offeringId").asString())
                .put("costCenter", "POL-001")
                .put("justification", "portal journey: a build whose undo fails");
        again.set("parameters", built.path("parameters"));
        UUID failing = UUID.fromString(JSON.readTree(
                        api("POST", stack.endpoints().orders(), "/api/v1/orders", "agent-police", again.toString()))
                .path("id")
                .asString());
        api("POST", stack.endpoints().orders(), "/api/v1/orders/" + failing + "/approve", "approver-police", "{}");
        waitFor(ops, PROVISIONING, "the ops page to hear the new order's events on its live stream")
                .until(driver -> liveEventsHeard(driver) > 0);
        waitFor(ops, PROVISIONING, "order " + failing + "'s saga COMPENSATION_FAILED among the sagas to take in hand")
                .until(driver -> {
                    driver.navigate().refresh();
                    return !driver.findElements(By.cssSelector(
                                    "#attention tr[data-status='COMPENSATION_FAILED'] a[href='/ops/orders/" + failing
                                            + "']"))
                            .isEmpty();
                });
        api("DELETE", stack.endpoints().emulator(), "/_emulator/faults", null, null);
        ops.findElement(By.xpath("//a[@href='/ops/orders/" + failing + "']/ancestor::tr//a[contains(@class,'retry')]"))
                .click();
        waitFor(ops, PAGE, "the retry's confirmation")
                .until(ExpectedConditions.presenceOfElementLocated(By.id("confirm")));
        accessible(ops, "retry confirmation");
        ops.findElement(By.id("confirm")).click();
        waitFor(ops, PAGE, "the saga's page saying the retry was asked for")
                .until(ExpectedConditions.presenceOfElementLocated(By.id("acted")));
        // a retry right after the faults may still meet the compute API's circuit breaker open (30 s after
        // the refused deletes): its undo fails again, and ops retries again, as on duty
        String sagaPage = ops.getCurrentUrl();
        int[] retries = {1};
        waitFor(ops, PROVISIONING, "order " + failing + "'s saga COMPENSATED after the retry")
                .until(driver -> {
                    driver.navigate().refresh();
                    String state = driver.findElement(By.id("saga-status")).getAttribute("data-status");
                    if ("COMPENSATION_FAILED".equals(state)) {
                        retries[0]++;
                        driver.findElement(By.id("retry-link")).click();
                        new WebDriverWait(driver, PAGE)
                                .until(ExpectedConditions.presenceOfElementLocated(By.id("confirm")));
                        driver.findElement(By.id("confirm")).click();
                        new WebDriverWait(driver, PAGE)
                                .until(ExpectedConditions.presenceOfElementLocated(By.id("acted")));
                        return false;
                    }
                    return "COMPENSATED".equals(state);
                });
        System.out.printf(
                "ops retried order %s's saga %d time(s) before it ended COMPENSATED (%s)%n",
                failing, retries[0], sagaPage);
        assertThat(ops.findElements(By.cssSelector("#remaining li")))
                .as("what the saga still holds")
                .isEmpty();
        screenshot(ops, "portal-ops-retried");

        // the migration team: the portfolio's progress, the plan's waves as a chart, the assessments
        WebDriver lead = browser("migration");
        signIn(lead, "migration-lead", "/migration");
        assertThat(lead.findElement(By.id("portfolio-size")).getText()).isNotBlank();
        assertThat(lead.findElements(By.cssSelector("#assessments tbody tr"))).isNotEmpty();
        assertThat(lead.findElements(By.cssSelector("#wave-chart rect")))
                .as("the demo's wave plan drawn, a bar per wave")
                .hasSameSizeAs(lead.findElements(By.cssSelector("#waves tbody tr")))
                .isNotEmpty();
        screenshot(lead, "portal-migration");
        accessible(lead, "migration");

        // the platform administrator: police's quota, a bad value refused beside its field, a good one saved
        WebDriver admin = browser("admin");
        signIn(admin, "platform-admin", "/admin/tenants");
        admin.findElement(By.cssSelector("#tenants tr[data-tenant='police'] a")).click();
        waitFor(admin, PAGE, "police's page").until(ExpectedConditions.presenceOfElementLocated(By.id("quota-form")));
        String vcpus = admin.findElement(By.id("limit-vcpus")).getAttribute("value");
        type(admin, "limit-vcpus", "-1");
        admin.findElement(By.id("quota-submit")).click();
        waitFor(admin, PAGE, "order-service's refusal beside the vCPU limit")
                .until(ExpectedConditions.presenceOfElementLocated(By.id("limit-error-vcpus")));
        assertThat(admin.findElement(By.id("limit-vcpus")).getAttribute("value"))
                .as("what was typed, kept")
                .isEqualTo("-1");
        type(admin, "limit-vcpus", vcpus);
        admin.findElement(By.id("quota-submit")).click();
        waitFor(admin, PAGE, "the quota saved").until(ExpectedConditions.presenceOfElementLocated(By.id("changed")));
        screenshot(admin, "portal-tenant");
        accessible(admin, "tenant administration");

        // every page passed axe-core's WCAG 2.1 A/AA rules without a serious or critical violation
        accessibility.forEach((page, found) -> System.out.printf(
                "[accessibility] %s: %d serious or critical violation(s)%s%n",
                page, found.size(), found.isEmpty() ? "" : ": " + found));
        assertThat(accessibility).as("pages checked").hasSizeGreaterThanOrEqualTo(11);
        assertThat(accessibility)
                .as("serious or critical WCAG 2.1 AA violations, per page")
                .allSatisfy((page, found) -> assertThat(found).as(page).isEmpty());

        // no page broke its own Content-Security-Policy (no inline script or style anywhere)
        for (WebDriver browser : browsers) {
            assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                    .extracting(LogEntry::getMessage)
                    .noneMatch(message -> message.contains("Content Security Policy"));
        }
    }

    /**
     * Runs axe-core (Deque's, bundled with its Selenium binding) in the page as it is, with the WCAG 2.0
     * and 2.1 A and AA rules, and keeps its serious and critical violations for the end of the journey.
     */
    private void accessible(WebDriver browser, String page) {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(browser);
        assertThat(results.isErrored())
                .as("axe-core on %s: %s", page, results.getErrorMessage())
                .isFalse();
        accessibility.put(
                page,
                results.getViolations().stream()
                        .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                        .map(rule -> rule.getId() + " (" + rule.getImpact() + ", " + rule.getHelp() + ") at "
                                + rule.getNodes().stream()
                                        .map(node -> String.valueOf(node.getTarget()))
                                        .limit(3)
                                        .toList())
                        .toList());
    }

    private WebDriver browser(String who) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,1400",
                "--lang=fr-FR",
                "--user-data-dir=" + Files.createTempDirectory("portal-" + who + "-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }

    private static void signIn(WebDriver browser, String account, String page) {
        browser.get(portal.resolve(page).toString());
        waitFor(browser, PAGE, "the page").until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(account);
        browser.findElement(By.id("password")).sendKeys(stack.demoPassword());
        browser.findElement(By.cssSelector("button[type='submit']")).click();
        waitFor(browser, PAGE, account + " signed in and back on " + page)
                .until(driver ->
                        driver.getCurrentUrl().startsWith(portal.resolve(page).toString())
                                && !driver.findElements(By.id("signed-in-user")).isEmpty());
        assertThat(browser.findElement(By.id("signed-in-user")).getText()).isEqualTo(account);
    }

    /** From now on the page counts the server-sent events htmx's SSE extension hands over. */
    private static void countLiveEvents(WebDriver browser) {
        ((JavascriptExecutor) browser)
                .executeScript("window.sseMessages = 0;"
                        + " document.addEventListener('htmx:sseMessage', () => window.sseMessages++)");
    }

    private static int liveEventsHeard(WebDriver browser) {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return window.sseMessages")).intValue();
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static String status(WebDriver browser) {
        return browser.findElement(By.cssSelector("#progress [data-status]")).getAttribute("data-status");
    }

    private static WebDriverWait waitFor(WebDriver browser, Duration timeout, String what) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        // htmx swaps parts of the page while a condition reads them
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(() -> what + ", on " + browser.getCurrentUrl());
        return wait;
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Path shot = ((org.openqa.selenium.TakesScreenshot) browser)
                .getScreenshotAs(OutputType.FILE)
                .toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Orders agent-police placed: the tenant's other orders (a migration wave's, requested by
     * migration-service, may still arrive from the demo's story) are not the double click's.
     */
    /** One call to a service's API, as {@code account} (a token from the issuer) or without a token; a 2xx or the test fails. */
    private static String api(String method, URI base, String path, String account, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (account != null) {
            request.header(
                    "Authorization",
                    "Bearer " + new IssuerClient(stack.endpoints().issuer()).mint(account));
        }
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 299);
        return response.body();
    }

    private static long orderCount() throws IOException, InterruptedException {
        DemoEndpoints at = stack.endpoints();
        HttpRequest request = HttpRequest.newBuilder(at.orders().resolve("/api/v1/orders?size=100"))
                .header("Authorization", "Bearer " + new IssuerClient(at.issuer()).mint("agent-police"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(response.body());
        assertThat(page.path("total").asLong())
                .as("police's orders fit one page")
                .isLessThanOrEqualTo(100);
        return page.path("items")
                .valueStream()
                .filter(order -> order.path("requester").asString().equals("agent-police"))
                .count();
    }

    /** The demo catalogue, as {@code picloud seed-catalog} loads it (loading it twice changes nothing). */
    static void seedCatalogue(DemoEndpoints at) throws IOException, InterruptedException {
        Path feed = Path.of(System.getProperty("picloud.repository", "../.."))
                .resolve("catalog-service/src/main/resources/seed/demo-catalog.jsonl");
        HttpRequest request = HttpRequest.newBuilder(at.catalog().resolve("/api/v1/offerings/import"))
                .header("Authorization", "Bearer " + new IssuerClient(at.issuer()).mint("catalog-admin"))
                .header("Content-Type", "application/jsonl")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofFile(feed))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
