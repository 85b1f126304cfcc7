package fr.picloud.portal.finance;

import fr.picloud.portal.services.BillingClient;
import fr.picloud.portal.services.BillingClient.Chargeback;
import fr.picloud.portal.services.BillingClient.LineTrace;
import fr.picloud.portal.services.BillingClient.Spend;
import fr.picloud.portal.services.BillingClient.Statement;
import fr.picloud.portal.services.ServiceProblem;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.ResourceAccessException;

/**
 * Finance: a month's chargeback per organisation and cost centre, its rollup per ministry, its spend
 * day by day, the month as CSV, and the drill-down from an organisation's statement to a line, its
 * order and its resource. billing-service decides what each user sees (finance: every organisation).
 */
@Controller
class FinanceController {

    /** Billing's periods are months in Paris (billing-service's {@code picloud.billing.zone}). */
    static final ZoneId BILLING_ZONE = ZoneId.of("Europe/Paris");

    private final BillingClient billing;
    private final Clock clock;

    FinanceController(BillingClient billing) {
        this.billing = billing;
        this.clock = Clock.system(BILLING_ZONE);
    }

    @GetMapping("/finance")
    String chargeback(@RequestParam(required = false) String period, Model model) {
        String month = month(period);
        Chargeback chargeback = billing.chargeback(month);
        Map<String, Spend> spends = month.equals(YearMonth.now(clock).toString()) ? spends(chargeback) : Map.of();
        SpendChart chart = SpendChart.of(chargeback.statements(), spends);
        model.addAttribute("period", month);
        model.addAttribute("chargeback", chargeback);
        model.addAttribute("chart", chart);
        model.addAttribute(
                "alerts", chart.rows().stream().filter(row -> row.alert() > 0).toList());
        model.addAttribute("daily", daily(month, chargeback, spends));
        model.addAttribute("zone", BILLING_ZONE);
        return "finance";
    }

    @GetMapping("/finance/{period}/{tenant}")
    String statement(@PathVariable String period, @PathVariable String tenant, Model model) {
        String month = readMonth(period);
        Statement statement = billing.statement(tenant, month);
        if (statement.name() == null && statement.lines().isEmpty()) {
            // billing answers finance an empty statement for any name: one it does not know is no page
            throw new ServiceProblem(404, null);
        }
        model.addAttribute("statement", statement);
        model.addAttribute("zone", BILLING_ZONE);
        return "finance-statement";
    }

    @GetMapping("/finance/{period}/{tenant}/lines/{lineId}")
    String line(@PathVariable String period, @PathVariable String tenant, @PathVariable String lineId, Model model) {
        String month = readMonth(period);
        LineTrace trace = billing.line(tenant, month, readId(lineId));
        model.addAttribute("trace", trace);
        model.addAttribute("period", month);
        model.addAttribute("tenant", tenant);
        model.addAttribute("zone", BILLING_ZONE);
        return "finance-line";
    }

    @GetMapping("/finance/{period}.csv")
    ResponseEntity<String> csv(@PathVariable String period) {
        String month = month(period);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("chargeback-" + month + ".csv")
                                .build()
                                .toString())
                .body(billing.chargebackCsv(month));
    }

    /** Each organisation's spend this month with its forecast and budget; one that billing cannot give now is left out. */
    private Map<String, Spend> spends(Chargeback chargeback) {
        Map<String, Spend> spends = new LinkedHashMap<>();
        for (Statement statement : chargeback.statements()) {
            try {
                spends.put(statement.tenant(), billing.spend(statement.tenant()));
            } catch (ServiceProblem | ResourceAccessException unavailable) {
                // the chart shows the statement's total without its projection
            }
        }
        return spends;
    }

    /** The month's spend day by day, or {@code null} when billing cannot give it now (the page says so). */
    private DailySpendChart daily(String month, Chargeback chargeback, Map<String, Spend> spends) {
        try {
            return DailySpendChart.of(billing.daily(month), chargeback.statements(), spends);
        } catch (ServiceProblem | ResourceAccessException unavailable) {
            return null;
        }
    }

    /** A month in a page's path: an unreadable one is no page. */
    private static String readMonth(String period) {
        try {
            return YearMonth.parse(period).toString();
        } catch (DateTimeParseException e) {
            throw new ServiceProblem(404, null);
        }
    }

    private static UUID readId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ServiceProblem(404, null);
        }
    }

    /** The month asked for, or this month when none or an unreadable one is given. */
    private String month(String period) {
        try {
            return period == null || period.isBlank()
                    ? YearMonth.now(clock).toString()
                    : YearMonth.parse(period).toString();
        } catch (DateTimeParseException e) {
            return YearMonth.now(clock).toString();
        }
    }
}
