package fr.picloud.portal.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.picloud.portal.services.BillingClient;
import fr.picloud.portal.services.BillingClient.Chargeback;
import fr.picloud.portal.services.BillingClient.CostCentre;
import fr.picloud.portal.services.BillingClient.DailySpend;
import fr.picloud.portal.services.BillingClient.Day;
import fr.picloud.portal.services.BillingClient.Line;
import fr.picloud.portal.services.BillingClient.LineTrace;
import fr.picloud.portal.services.BillingClient.OrderFacts;
import fr.picloud.portal.services.BillingClient.ResourceFacts;
import fr.picloud.portal.services.BillingClient.Spend;
import fr.picloud.portal.services.BillingClient.Statement;
import fr.picloud.portal.services.ServiceProblem;
import fr.picloud.portal.web.PortalPageTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.client.ResourceAccessException;

/** The finance pages as billing-service's answers make them, billing replaced by a stand-in. */
@PortalPageTest
class FinancePagesTest {

    private static final String MONTH =
            YearMonth.now(FinanceController.BILLING_ZONE).toString();
    private static final UUID ORDER = UUID.fromString("3f1c2a4e-0000-4000-8000-00000000000a");
    private static final UUID LINE = UUID.fromString("7b2d0c11-0000-4000-8000-00000000000b");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    BillingClient billing;

    private final Line vcpu = new Line(
            LINE,
            "USAGE",
            "police",
            "POL-001",
            ORDER,
            UUID.randomUUID(),
            "vm-stack",
            "srv-1",
            "app-0",
            "server",
            "VCPU_HOUR",
            new BigDecimal("2"),
            Instant.parse("2026-12-01T08:00:00Z"),
            Instant.parse("2026-12-02T08:00:00Z"),
            86_400,
            1,
            new BigDecimal("0.0125"),
            new BigDecimal("0.6"),
            new BigDecimal("0.60"),
            null,
            null);

    private final Statement police = new Statement(
            "police",
            "Police nationale",
            "interieur",
            MONTH,
            "OPEN",
            "EUR",
            new BigDecimal("0.60"),
            List.of(new CostCentre("POL-001", 1, new BigDecimal("0.60"))),
            List.of(vcpu));

    @BeforeEach
    void billing() {
        List<Day> days = new ArrayList<>();
        LocalDate today = LocalDate.now(FinanceController.BILLING_ZONE);
        for (LocalDate day = today.withDayOfMonth(1); !day.isAfter(today); day = day.plusDays(1)) {
            days.add(new Day(day, BigDecimal.ZERO, BigDecimal.ZERO));
        }
        when(billing.chargeback(MONTH))
                .thenReturn(new Chargeback(
                        MONTH, "OPEN", "EUR", Instant.now(), police.total(), null, List.of(police), List.of()));
        when(billing.spend("police"))
                .thenReturn(new Spend(
                        "police",
                        MONTH,
                        "EUR",
                        police.total(),
                        new BigDecimal("9.40"),
                        BigDecimal.TEN,
                        new BigDecimal("1000"),
                        BigDecimal.ONE));
        when(billing.daily(MONTH))
                .thenReturn(new DailySpend(MONTH, "OPEN", "EUR", Instant.now(), "Europe/Paris", police.total(), days));
        when(billing.statement("police", MONTH)).thenReturn(police);
        when(billing.line("police", MONTH, LINE))
                .thenReturn(new LineTrace(
                        vcpu,
                        new OrderFacts(
                                ORDER,
                                "police",
                                "POL-001",
                                "vm-stack",
                                vcpu.sagaId(),
                                "agent-police",
                                Instant.parse("2026-12-01T08:00:00Z"),
                                null),
                        new ResourceFacts(
                                "srv-1",
                                "app-0",
                                "server",
                                "m1.small",
                                2,
                                4,
                                null,
                                null,
                                Instant.parse("2026-12-01T08:00:00Z"),
                                null),
                        "2 x VCPU_HOUR of server srv-1 ..."));
    }

    private static OidcLoginRequestPostProcessor finance() {
        return oidcLogin().authorities(new SimpleGrantedAuthority("ROLE_finance"));
    }

    private String page(String path, Object... variables) throws Exception {
        return mvc.perform(get(path, variables).with(finance()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static int count(String html, String part) {
        return html.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void the_month_s_page_draws_the_spend_day_by_day_and_links_each_statement() throws Exception {
        int today = LocalDate.now(FinanceController.BILLING_ZONE).getDayOfMonth();

        String html = page("/finance");

        assertThat(html).contains("id=\"daily-chart\"", "Dépenses au fil du mois");
        assertThat(count(html, "<circle class=\"portal-day\""))
                .as("a point a day")
                .isEqualTo(today);
        assertThat(count(html, "<tr data-date=")).as("a row a day in the table").isEqualTo(today);
        assertThat(html)
                .contains("Projection à la fin du mois au rythme actuel : 10,00 EUR.")
                .contains("href=\"/finance/" + MONTH + "/police\"")
                .doesNotContain("style=");
    }

    @Test
    void the_month_s_page_stands_without_the_daily_spend() throws Exception {
        when(billing.daily(MONTH)).thenThrow(new ResourceAccessException("billing is slow"));

        assertThat(page("/finance")).contains("id=\"daily-unavailable\"", "id=\"statements\"");
    }

    @Test
    void a_statement_lists_its_lines_each_linked_to_its_explanation() throws Exception {
        String html = page("/finance/{period}/police?lang=en", MONTH);

        assertThat(html)
                .contains("Statement of Police nationale")
                .contains("data-order=\"" + ORDER + "\"")
                .contains("href=\"/finance/" + MONTH + "/police/lines/" + LINE + "\"")
                .contains("0,0125 EUR")
                .contains("Subtotals per cost centre");
    }

    @Test
    void a_tenant_billing_does_not_know_is_the_404_page() throws Exception {
        when(billing.statement("nobody", MONTH))
                .thenReturn(new Statement(
                        "nobody", null, "nobody", MONTH, "OPEN", "EUR", BigDecimal.ZERO, List.of(), List.of()));

        mvc.perform(get("/finance/{period}/nobody", MONTH).with(finance()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Page introuvable")));
    }

    @Test
    void a_line_shows_its_explanation_its_order_and_its_resource() throws Exception {
        String html = page("/finance/{period}/police/lines/{line}", MONTH, LINE);

        assertThat(html)
                .contains("<code id=\"line-order-id\">" + ORDER + "</code>")
                .contains("href=\"/orders/" + ORDER + "\"")
                .contains("Livrée le 01/12/2026 09:00:00, en service")
                .contains("<code id=\"line-resource-id\">srv-1</code>")
                .contains(
                        "2 × vCPU (heure) du 01/12/2026 09:00:00 au 02/12/2026 09:00:00, soit 86 400 s, au prix de 0,0125 EUR")
                .contains("0,60 EUR exactement, 0,60 EUR arrondis")
                .contains("m1.small : 2 vCPU, 4 Go de mémoire")
                .contains("lang=\"en\" id=\"billing-explanation\"");
    }

    @Test
    void a_line_not_on_the_statement_is_the_404_page() throws Exception {
        UUID other = UUID.randomUUID();
        when(billing.line("police", MONTH, other)).thenThrow(new ServiceProblem(404, null));

        mvc.perform(get("/finance/{period}/police/lines/{line}", MONTH, other).with(finance()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Page introuvable")));
    }
}
