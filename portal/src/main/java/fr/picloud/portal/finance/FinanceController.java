package fr.picloud.portal.finance;

import fr.picloud.portal.services.BillingClient;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

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
        model.addAttribute("period", month);
        model.addAttribute("chargeback", billing.chargeback(month));
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
