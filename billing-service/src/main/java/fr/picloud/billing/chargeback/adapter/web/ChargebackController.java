package fr.picloud.billing.chargeback.adapter.web;

import fr.picloud.billing.chargeback.application.Chargebacks;
import fr.picloud.billing.chargeback.application.StatementStore;
import fr.picloud.billing.chargeback.application.UsageSource;
import fr.picloud.billing.chargeback.domain.Chargeback;
import fr.picloud.billing.chargeback.domain.DailySpend;
import fr.picloud.billing.chargeback.domain.Rater;
import fr.picloud.billing.chargeback.domain.Spend;
import fr.picloud.billing.chargeback.domain.Statement;
import fr.picloud.billing.chargeback.domain.StatementLine;
import fr.picloud.billing.chargeback.domain.TenantTree;
import fr.picloud.billing.chargeback.domain.Unpriced;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.security.CurrentUser;
import fr.picloud.platform.security.Roles;
import fr.picloud.pricing.PricingCalculator;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The finance API. Finance sees every tenant; any other user sees their own tenant's statements
 * and spend and, for a ministry's users, its directorates'. A tenant one may not see is a 404.
 * Chargeback and statements answer JSON, or CSV with {@code Accept: text/csv}.
 */
@RestController
@RequestMapping("/api/v1")
class ChargebackController {

    static final String TEXT_CSV = "text/csv";

    private final Chargebacks chargebacks;
    private final StatementStore store;
    private final UsageSource usage;

    ChargebackController(Chargebacks chargebacks, StatementStore store, UsageSource usage) {
        this.chargebacks = chargebacks;
        this.store = store;
        this.usage = usage;
    }

    record LineView(
            UUID id,
            StatementLine.Kind kind,
            String tenant,
            String costCenter,
            UUID orderId,
            UUID sagaId,
            UUID offeringId,
            String offeringCode,
            String resourceId,
            String resourceName,
            String resourceKind,
            PriceUnit unit,
            BigDecimal quantity,
            Instant usageFrom,
            Instant usageTo,
            long seconds,
            int priceVersion,
            BigDecimal unitPrice,
            BigDecimal exactAmount,
            BigDecimal amount,
            String correctsPeriod,
            UUID correctsLineId) {

        static LineView of(StatementLine line) {
            return new LineView(
                    line.id(),
                    line.kind(),
                    line.tenant(),
                    Statement.costCenterOf(line),
                    line.order().orderId(),
                    line.order().sagaId(),
                    line.order().offeringId(),
                    line.order().offeringCode(),
                    line.resourceId(),
                    line.resourceName(),
                    line.resourceKind(),
                    line.unit(),
                    line.quantity(),
                    line.usageFrom(),
                    line.usageTo(),
                    line.seconds(),
                    line.priceVersion(),
                    line.unitPrice(),
                    line.exactAmount(),
                    line.amount(),
                    line.correctsPeriod(),
                    line.correctsLineId());
        }
    }

    record StatementView(
            String tenant,
            String name,
            String ministry,
            String period,
            String status,
            String currency,
            BigDecimal total,
            List<Statement.Subtotal> costCenters,
            List<LineView> lines) {

        static StatementView of(Statement statement, TenantTree tenants) {
            return new StatementView(
                    statement.tenant(),
                    nameOf(tenants, statement.tenant()),
                    tenants.ministryOf(statement.tenant()),
                    statement.period(),
                    statement.closed() ? "CLOSED" : "OPEN",
                    Rater.CURRENCY,
                    statement.total(),
                    statement.costCenters(),
                    statement.lines().stream().map(LineView::of).toList());
        }
    }

    record HeldAsideView(UUID orderId, String tenant, String resourceId, Instant from, Instant to, String reason) {

        static HeldAsideView of(Unpriced unpriced) {
            return new HeldAsideView(
                    unpriced.order().orderId(),
                    unpriced.order().tenant(),
                    unpriced.resourceId(),
                    unpriced.from(),
                    unpriced.to(),
                    unpriced.reason());
        }
    }

    /**
     * @param platformTotal every tenant's charges, shown to finance on an unfiltered chargeback
     * @param reconciled whether lines, statements, cost centres, rollup and platform total agree
     */
    record ChargebackView(
            String period,
            String status,
            String currency,
            Instant asOf,
            boolean reconciled,
            List<String> discrepancies,
            BigDecimal total,
            BigDecimal platformTotal,
            List<StatementView> statements,
            List<Chargeback.MinistryRollup> ministries,
            List<HeldAsideView> heldAside) {}

    record SpendView(
            String tenant,
            String period,
            String currency,
            BigDecimal monthToDate,
            BigDecimal forecast,
            BigDecimal projected,
            BigDecimal budget,
            BigDecimal projectedPercentOfBudget) {}

    record CloseView(
            String period,
            String status,
            Instant closedAt,
            String closedBy,
            BigDecimal platformTotal,
            int statements,
            int lines,
            int heldAside) {}

    record TraceView(
            LineView line, UsageSource.OrderFacts order, UsageSource.ResourceFacts resource, String explanation) {}

    // ---- chargeback ----------------------------------------------------------------------------

    @GetMapping(value = "/chargeback/{period}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getChargeback",
            summary = "Every visible tenant's statement for a month, rolled up directorate -> ministry",
            description =
                    "JSON, or CSV with Accept: text/csv. Finance sees every tenant; any other user their own tenant and, for a ministry's users, its directorates.")
    ChargebackView chargeback(
            @PathVariable String period,
            @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String costCenter) {
        Chargebacks.Result result = visibleChargeback(period, tenant);
        boolean everything = tenant == null && costCenter == null && isFinance();
        List<Statement> statements = filtered(result, costCenter);
        BigDecimal total = statements.stream().map(Statement::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        Chargeback chargeback = result.chargeback();
        return new ChargebackView(
                chargeback.period(),
                chargeback.closed() ? "CLOSED" : "OPEN",
                Rater.CURRENCY,
                result.asOf(),
                result.reconciled(),
                result.discrepancies(),
                total,
                everything ? chargeback.platformTotal() : null,
                statements.stream()
                        .map(statement -> StatementView.of(statement, result.tenants()))
                        .toList(),
                chargeback.ministries().stream()
                        .filter(rollup -> isFinance() || visible(result.tenants(), rollup.ministry()))
                        .filter(rollup -> tenant == null || rollup.ministry().equals(tenant))
                        .toList(),
                chargeback.heldAside().stream()
                        .filter(unpriced ->
                                visible(result.tenants(), unpriced.order().tenant()))
                        .map(HeldAsideView::of)
                        .toList());
    }

    @GetMapping(value = "/chargeback/{period}", produces = TEXT_CSV)
    @Operation(
            operationId = "getChargeback",
            summary = "Every visible tenant's statement for a month, rolled up directorate -> ministry",
            description =
                    "JSON, or CSV with Accept: text/csv. Finance sees every tenant; any other user their own tenant and, for a ministry's users, its directorates.")
    ResponseEntity<String> chargebackCsv(
            @PathVariable String period,
            @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String costCenter) {
        Chargebacks.Result result = visibleChargeback(period, tenant);
        return csv(
                StatementCsv.write(filtered(result, costCenter), result.tenants(), Rater.CURRENCY),
                "chargeback-" + period + (tenant == null ? "" : "-" + tenant) + ".csv");
    }

    /**
     * @param zone the time zone of the days (the billing period's)
     * @param total the visible statements' total, which the days sum to
     * @param days the visible tenants' days together
     */
    record DailySpendView(
            String period,
            String status,
            String currency,
            Instant asOf,
            String zone,
            BigDecimal total,
            List<DailySpend.Day> days,
            List<TenantDaysView> tenants) {}

    record TenantDaysView(String tenant, String name, BigDecimal total, List<DailySpend.Day> days) {}

    @GetMapping("/chargeback/{period}/daily")
    @Operation(
            operationId = "getDailySpend",
            summary = "The month's spend day by day, with its running total, for the visible tenants together and each",
            description =
                    "Derived from the chargeback's statement lines: a time-based line spread over the days of its usage"
                            + " interval in proportion to its seconds in each, a setup fee on the day it fell due, an"
                            + " adjustment of a closed month on the first day. Days are the billing time zone's"
                            + " (Europe/Paris), up to today for the current month; they sum to the statements' total to"
                            + " the cent. Same visibility as the chargeback.")
    DailySpendView daily(@PathVariable String period, @RequestParam(required = false) String tenant) {
        Chargebacks.Result result = visibleChargeback(period, tenant);
        Chargeback chargeback = result.chargeback();
        List<Statement> statements = filtered(result, null);
        DailySpend spend = DailySpend.of(chargebacks.period(period), statements, result.asOf());
        return new DailySpendView(
                chargeback.period(),
                chargeback.closed() ? "CLOSED" : "OPEN",
                Rater.CURRENCY,
                result.asOf(),
                chargebacks.zone().getId(),
                spend.total(),
                spend.days(),
                spend.tenants().stream()
                        .map(days -> new TenantDaysView(
                                days.tenant(), nameOf(result.tenants(), days.tenant()), days.total(), days.days()))
                        .toList());
    }

    // ---- statements ----------------------------------------------------------------------------

    @GetMapping(value = "/statements/{tenant}/{period}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getStatement",
            summary = "A tenant's statement for a month: lines per order and resource, cost-centre subtotals",
            description = "JSON, or CSV with Accept: text/csv. A tenant one may not see is a 404.")
    StatementView statement(@PathVariable String tenant, @PathVariable String period) {
        Chargebacks.Result result = visibleChargeback(period, tenant);
        return StatementView.of(statementOf(result, tenant), result.tenants());
    }

    @GetMapping(value = "/statements/{tenant}/{period}", produces = TEXT_CSV)
    @Operation(
            operationId = "getStatement",
            summary = "A tenant's statement for a month: lines per order and resource, cost-centre subtotals",
            description = "JSON, or CSV with Accept: text/csv. A tenant one may not see is a 404.")
    ResponseEntity<String> statementCsv(@PathVariable String tenant, @PathVariable String period) {
        Chargebacks.Result result = visibleChargeback(period, tenant);
        return csv(
                StatementCsv.write(List.of(statementOf(result, tenant)), result.tenants(), Rater.CURRENCY),
                "statement-" + tenant + "-" + period + ".csv");
    }

    @GetMapping("/statements/{tenant}/{period}/lines/{lineId}")
    @Operation(
            operationId = "explainStatementLine",
            summary = "Explains a line: its order, saga, resource, usage interval and price version")
    TraceView line(@PathVariable String tenant, @PathVariable String period, @PathVariable UUID lineId) {
        Chargebacks.Result result = visibleChargeback(period, tenant);
        StatementLine line = result.chargeback().lines().stream()
                .filter(candidate -> candidate.id().equals(lineId))
                .findFirst()
                .orElseThrow(() ->
                        new NotFoundException("no line " + lineId + " on " + tenant + "'s statement for " + period));
        UsageSource.OrderFacts order = usage.order(line.order().orderId()).orElse(null);
        UsageSource.ResourceFacts resource = usage.resources(line.order().orderId()).stream()
                .filter(candidate -> candidate.resourceId().equals(line.resourceId()))
                .findFirst()
                .orElse(null);
        return new TraceView(LineView.of(line), order, resource, explanation(line));
    }

    record OrderUsageView(
            UsageSource.OrderFacts order,
            List<UsageSource.ResourceFacts> resources,
            String period,
            List<LineView> lines,
            BigDecimal total) {}

    @GetMapping("/orders/{orderId}/usage/{period}")
    @Operation(
            operationId = "getOrderUsage",
            summary = "An order's resources, their usage intervals and the lines they make in a month")
    OrderUsageView orderUsage(@PathVariable UUID orderId, @PathVariable String period) {
        UsageSource.OrderFacts order = usage.order(orderId)
                .filter(facts -> facts.tenant() != null && visible(chargebacks.tenants(), facts.tenant()))
                .orElseThrow(() -> new NotFoundException("no order " + orderId + " visible to you"));
        List<StatementLine> lines = visibleChargeback(period, order.tenant()).chargeback().lines().stream()
                .filter(line -> line.order().orderId().equals(orderId))
                .toList();
        return new OrderUsageView(
                order,
                usage.resources(orderId),
                period,
                lines.stream().map(LineView::of).toList(),
                lines.stream().map(StatementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    private static String explanation(StatementLine line) {
        String charge = line.unit() == PriceUnit.SETUP_FEE
                ? "setup fee of order %s at %s".formatted(line.order().orderId(), line.usageFrom())
                : "%s x %s of %s %s from %s to %s (%d s)"
                        .formatted(
                                line.quantity().toPlainString(),
                                line.unit(),
                                line.resourceKind(),
                                line.resourceId(),
                                line.usageFrom(),
                                line.usageTo(),
                                line.seconds());
        String price = " at %s EUR per unit (price version %d): %s EUR exact, %s EUR on the statement"
                .formatted(
                        line.unitPrice().toPlainString(),
                        line.priceVersion(),
                        line.exactAmount().toPlainString(),
                        line.amount().toPlainString());
        String correction = line.kind() == StatementLine.Kind.ADJUSTMENT
                ? "; adjusts closed period %s%s"
                        .formatted(
                                line.correctsPeriod(),
                                line.correctsLineId() == null
                                        ? " (usage not charged then)"
                                        : ", line " + line.correctsLineId())
                : "";
        return charge + price + correction;
    }

    // ---- periods -------------------------------------------------------------------------------

    @PostMapping("/periods/{period}/close")
    @PreAuthorize("hasRole('finance')")
    @Operation(operationId = "closePeriod", summary = "Close a month that is over: its statements become immutable")
    CloseView close(@PathVariable String period) {
        Chargebacks.Result result = chargebacks.close(period, CurrentUser.get().subject());
        Chargeback chargeback = result.chargeback();
        return new CloseView(
                chargeback.period(),
                "CLOSED",
                result.asOf(),
                CurrentUser.get().subject(),
                chargeback.platformTotal(),
                chargeback.statements().size(),
                chargeback.lines().size(),
                chargeback.heldAside().size());
    }

    // ---- showback ------------------------------------------------------------------------------

    @GetMapping("/tenants/{tenant}/spend")
    @Operation(
            operationId = "getTenantSpend",
            summary = "Month-to-date spend, forecast to month end and budget of a tenant")
    SpendView spend(@PathVariable String tenant) {
        requireVisible(chargebacks.tenants(), tenant);
        Spend spend = chargebacks.spend(tenant);
        return new SpendView(
                tenant,
                spend.period(),
                Rater.CURRENCY,
                PricingCalculator.toCents(spend.monthToDate()),
                PricingCalculator.toCents(spend.forecast()),
                PricingCalculator.toCents(spend.projected()),
                spend.budget(),
                spend.projectedPercentOfBudget());
    }

    @GetMapping("/unpriced")
    @PreAuthorize("hasRole('finance')")
    @Operation(
            operationId = "listUnpricedUsage",
            summary = "Usage held aside because the price book cannot price it (never charged at zero)")
    List<StatementStore.HeldAside> unpriced() {
        return store.heldAside();
    }

    @PostMapping("/unpriced/refresh")
    @PreAuthorize("hasRole('finance')")
    @Operation(
            operationId = "refreshUnpricedUsage",
            summary = "Rate the open periods now and record the usage held aside (done every few minutes"
                    + " anyway; reads never record it)")
    List<StatementStore.HeldAside> refreshUnpriced() {
        chargebacks.recordHeldAside();
        return store.heldAside();
    }

    // ---- visibility ----------------------------------------------------------------------------

    private Chargebacks.Result visibleChargeback(String period, String tenant) {
        chargebacks.period(period);
        if (tenant != null) {
            requireVisible(chargebacks.tenants(), tenant);
        }
        // a non-finance user without a tenant filter sees their own tenant's (and directorates')
        String rated = tenant != null || isFinance() || ministryUser()
                ? tenant
                : CurrentUser.get().tenant();
        return chargebacks.chargeback(period, rated);
    }

    private boolean ministryUser() {
        String own = CurrentUser.get().tenant();
        return chargebacks
                .tenants()
                .find(own)
                .map(node -> node.parentId() == null)
                .orElse(false);
    }

    private List<Statement> filtered(Chargebacks.Result result, String costCenter) {
        return result.chargeback().statements().stream()
                .filter(statement -> visible(result.tenants(), statement.tenant()))
                .map(statement -> costCenter == null
                        ? statement
                        : Statement.of(
                                statement.tenant(),
                                statement.period(),
                                statement.closed(),
                                statement.lines().stream()
                                        .filter(line -> costCenter.equals(Statement.costCenterOf(line)))
                                        .toList()))
                .filter(statement -> costCenter == null || !statement.lines().isEmpty())
                .toList();
    }

    private static Statement statementOf(Chargebacks.Result result, String tenant) {
        return result.chargeback().statements().stream()
                .filter(statement -> statement.tenant().equals(tenant))
                .findFirst()
                .orElseGet(() -> Statement.of(
                        tenant,
                        result.chargeback().period(),
                        result.chargeback().closed(),
                        List.of()));
    }

    private static String nameOf(TenantTree tenants, String tenant) {
        return tenants.find(tenant).map(TenantTree.Node::name).orElse(null);
    }

    private static boolean isFinance() {
        return CurrentUser.get().hasRole(Roles.FINANCE);
    }

    private static boolean visible(TenantTree tenants, String tenant) {
        return isFinance() || tenants.canSee(CurrentUser.get().tenant(), tenant);
    }

    private static void requireVisible(TenantTree tenants, String tenant) {
        if (!visible(tenants, Objects.requireNonNull(tenant))) {
            throw new NotFoundException("no statement of tenant " + tenant + " is visible to you");
        }
    }

    private static ResponseEntity<String> csv(String body, String fileName) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .body(body);
    }
}
