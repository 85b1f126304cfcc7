package fr.picloud.portal.finance;

import fr.picloud.portal.services.BillingClient;
import fr.picloud.portal.services.BillingClient.Chargeback;
import fr.picloud.portal.services.BillingClient.Spend;
import fr.picloud.portal.services.BillingClient.Statement;
import fr.picloud.portal.services.ServiceProblem;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Finance: a month's chargeback per organisation and cost centre, its rollup per ministry, and the
 * month as CSV. billing-service decides what each user sees (finance: every organisation).
 */
@Controller
class FinanceController {

    private final BillingClient billing;
    private final Clock clock;

    FinanceController(BillingClient billing) {
        this.billing = billing;
        this.clock = Clock.systemUTC();
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
        return "finance";
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
