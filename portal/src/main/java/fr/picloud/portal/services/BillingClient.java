package fr.picloud.portal.services;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** billing-service's chargeback API (see its OpenAPI document and docs/billing.md), as the finance pages use it. */
public class BillingClient {

    public record CostCentre(String costCenter, int lines, BigDecimal total) {}

    /**
     * One statement line: one unit of one resource of one order over one interval at one price version,
     * a setup fee ({@code resourceId} null, {@code unit} SETUP_FEE), or an adjustment of a closed month.
     */
    public record Line(
            UUID id,
            String kind,
            String tenant,
            String costCenter,
            UUID orderId,
            UUID sagaId,
            String offeringCode,
            String resourceId,
            String resourceName,
            String resourceKind,
            String unit,
            BigDecimal quantity,
            Instant usageFrom,
            Instant usageTo,
            long seconds,
            int priceVersion,
            BigDecimal unitPrice,
            BigDecimal exactAmount,
            BigDecimal amount,
            String correctsPeriod,
            UUID correctsLineId) {}

    public record Statement(
            String tenant,
            String name,
            String ministry,
            String period,
            String status,
            String currency,
            BigDecimal total,
            List<CostCentre> costCenters,
            List<Line> lines) {}

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

    /** What billing knows of an order: from its placement, its provisioning and its decommission. */
    public record OrderFacts(
            UUID orderId,
            String tenant,
            String costCenter,
            String offeringCode,
            UUID sagaId,
            String requester,
            Instant completedAt,
            Instant decommissionedAt) {}

    /** A metered resource and its usage interval ({@code endedAt} null while it runs). */
    public record ResourceFacts(
            String resourceId,
            String name,
            String kind,
            String flavor,
            Integer vcpus,
            Integer ramGb,
            Integer sizeGb,
            String address,
            Instant startedAt,
            Instant endedAt) {}

    /** A line explained: its order and resource as billing knows them, and billing's sentence (in English). */
    public record LineTrace(Line line, OrderFacts order, ResourceFacts resource, String explanation) {}

    public record Day(LocalDate date, BigDecimal amount, BigDecimal cumulative) {}

    /** The month's spend day by day for every statement the user may see, in billing's time zone. */
    public record DailySpend(
            String period,
            String status,
            String currency,
            Instant asOf,
            String zone,
            BigDecimal total,
            List<Day> days) {}

    private final RestClient http;

    BillingClient(RestClient http) {
        this.http = http;
    }

    /** Every statement the user may see for a month ({@code 2026-12}), rolled up by ministry. */
    public Chargeback chargeback(String period) {
        return Problems.raise(http.get()
                        .uri("/api/v1/chargeback/{period}", period)
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve())
                .body(Chargeback.class);
    }

    /** The month's spend per day and its running total, for the same statements as {@link #chargeback}. */
    public DailySpend daily(String period) {
        return Problems.raise(http.get()
                        .uri("/api/v1/chargeback/{period}/daily", period)
                        .retrieve())
                .body(DailySpend.class);
    }

    /** A tenant's statement for a month with its lines; a tenant the user may not see is a 404. */
    public Statement statement(String tenant, String period) {
        return Problems.raise(http.get()
                        .uri("/api/v1/statements/{tenant}/{period}", tenant, period)
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve())
                .body(Statement.class);
    }

    /** One line of a tenant's statement, explained; a line not on it is a 404. */
    public LineTrace line(String tenant, String period, UUID lineId) {
        return Problems.raise(http.get()
                        .uri("/api/v1/statements/{tenant}/{period}/lines/{lineId}", tenant, period, lineId)
                        .retrieve())
                .body(LineTrace.class);
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
                        .accept(MediaType.parseMediaType("text/csv"))
                        .retrieve())
                .body(String.class);
    }
}
