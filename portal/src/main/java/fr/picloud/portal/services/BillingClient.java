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

    /** The same month as billing-service's CSV, one row per statement line. */
    public String chargebackCsv(String period) {
        return Problems.raise(http.get()
                        .uri("/api/v1/chargeback/{period}", period)
                        .accept(org.springframework.http.MediaType.parseMediaType("text/csv"))
                        .retrieve())
                .body(String.class);
    }
}
