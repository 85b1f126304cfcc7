package fr.picloud.portal.services;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.client.RestClient;

/** billing-service's chargeback API (see its OpenAPI document and docs/billing.md), as the finance page uses it. */
public class BillingClient {

    public record CostCentre(String costCenter, int lines, BigDecimal total) {}

    public record Statement(
            String tenant,
            String name,
            String ministry,
            String period,
            String status,
            String currency,
            BigDecimal total,
            List<CostCentre> costCenters) {}

    public record MinistryRollup(
            String ministry, BigDecimal own, Map<String, BigDecimal> directorates, BigDecimal total) {}

    public record Chargeback(
            String period,
            String status,
            String currency,
            Instant asOf,
            BigDecimal total,
            BigDecimal platformTotal,
            List<Statement> statements,
            List<MinistryRollup> ministries) {}

    /** A tenant's month so far, what the rest of the month will cost at today's rate, and its budget. */
    public record Spend(
            String tenant,
            String period,
            String currency,
            BigDecimal monthToDate,
            BigDecimal forecast,
            BigDecimal projected,
            BigDecimal budget,
            BigDecimal projectedPercentOfBudget) {}

    private final RestClient http;

    BillingClient(RestClient http) {
        this.http = http;
    }

    /** Every statement the user may see for a month ({@code 2026-12}), rolled up by ministry. */
    public Chargeback chargeback(String period) {
        return Problems.raise(http.get()
                        .uri("/api/v1/chargeback/{period}", period)
                        .accept(org.springframework.http.MediaType.APPLICATION_JSON)
                        .retrieve())
                .body(Chargeback.class);
    }

    /** This month's spend of a tenant, with the forecast to the month's end and the share of its budget. */
    public Spend spend(String tenant) {
        return Problems.raise(
                        http.get().uri("/api/v1/tenants/{tenant}/spend", tenant).retrieve())
                .body(Spend.class);
    }

    /** The same month as billing-service's CSV, one row per statement line. */
    public String chargebackCsv(String period) {
        return Problems.raise(http.get()
                        .uri("/api/v1/chargeback/{period}", period)
                        .accept(org.springframework.http.MediaType.parseMediaType("text/csv"))
                        .retrieve())
                .body(String.class);
    }
}
