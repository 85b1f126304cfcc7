package fr.picloud.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The portal's edge, with no service behind it (they listen on a closed port): sign-in with the
 * authorization code and PKCE, the Content-Security-Policy, CSRF, assets served from the portal itself,
 * and the page a user gets when a service does not answer, in French or English.
 */
@SpringBootTest(
        properties = {
            // an issuer without discovery (it does not run): its endpoints named one by one
            "spring.security.oauth2.client.registration.picloud.provider=closed",
            "spring.security.oauth2.client.provider.closed.authorization-uri=http://127.0.0.1:9/oauth2/authorize",
            "spring.security.oauth2.client.provider.closed.token-uri=http://127.0.0.1:9/oauth2/token",
            "spring.security.oauth2.client.provider.closed.jwk-set-uri=http://127.0.0.1:9/oauth2/jwks",
            "picloud.portal.services.catalog=http://127.0.0.1:9",
            "picloud.portal.services.orders=http://127.0.0.1:9",
            "picloud.portal.services.billing=http://127.0.0.1:9",
            "picloud.portal.services.provisioning=http://127.0.0.1:9",
            "picloud.portal.services.migration=http://127.0.0.1:9",
            "picloud.portal.services.ops=http://127.0.0.1:9"
        })
@AutoConfigureMockMvc
class PortalSecurityTest {

    private static final String SOME_ORDER = "3f1c2a4e-0000-4000-8000-000000000001";

    @Autowired
    MockMvc mvc;

    @Test
    void a_page_asks_an_anonymous_user_to_sign_in_at_the_issuer() throws Exception {
        mvc.perform(get("/catalogue"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/oauth2/authorization/picloud"));
    }

    @Test
    void sign_in_is_the_authorization_code_flow_with_pkce() throws Exception {
        String location = mvc.perform(get("/oauth2/authorization/picloud"))
                .andExpect(status().isFound())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();

        var query = UriComponentsBuilder.fromUri(URI.create(location)).build().getQueryParams();
        assertThat(location).startsWith("http://127.0.0.1:9/oauth2/authorize?");
        assertThat(query.getFirst("response_type")).isEqualTo("code");
        assertThat(query.getFirst("client_id")).isEqualTo("picloud-portal");
        assertThat(query.getFirst("code_challenge_method")).isEqualTo("S256");
        assertThat(query.getFirst("code_challenge")).isNotBlank();
        assertThat(query.getFirst("scope")).contains("openid");
    }

    @Test
    void every_page_forbids_inline_script_and_other_origins() throws Exception {
        mvc.perform(get("/catalogue").with(oidcLogin()))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                .andExpect(header().string("Content-Security-Policy", not(containsString("unsafe"))));
    }

    @Test
    void a_form_posted_without_its_csrf_token_is_refused() throws Exception {
        UUID offering = UUID.randomUUID();

        mvc.perform(post("/catalogue/{id}/order", offering).with(oidcLogin()).param("_costCenter", "POL-001"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/approvals/{id}/approve", offering).with(oidcLogin())).andExpect(status().isForbidden());
        mvc.perform(post("/orders/{id}/operations", offering)
                        .with(oidcLogin())
                        .param("type", "STOP")
                        .param("target", "app-0"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/orders/{id}/decommission", offering).with(oidcLogin()))
                .andExpect(status().isForbidden());
    }

    @Test
    void a_size_that_is_not_a_number_is_sent_back_to_the_order_page_without_asking_the_service() throws Exception {
        mvc.perform(post("/orders/{id}/operations", SOME_ORDER)
                        .with(oidcLogin())
                        .with(csrf())
                        .param("type", "EXTEND_VOLUME")
                        .param("target", "data-0")
                        .param("sizeGb", "fifty"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/orders/" + SOME_ORDER))
                .andExpect(flash().attribute("operationRefusalKey", "operation.size.invalid"));
    }

    @Test
    void the_design_system_and_htmx_come_from_the_portal_itself() throws Exception {
        mvc.perform(get("/dsfr/dsfr.min.css")).andExpect(status().isOk());
        mvc.perform(get("/dsfr/fonts/Marianne-Regular.woff2")).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx-ext-sse/sse.js")).andExpect(status().isOk());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/catalogue",
                "/orders",
                "/approvals",
                "/finance",
                "/finance/2026-12/police",
                "/finance/2026-12/police/lines/" + SOME_ORDER,
                "/orders/" + SOME_ORDER,
                "/orders/" + SOME_ORDER + "/decommission",
                "/orders/" + SOME_ORDER + "/live",
                "/migration",
                "/ops/sagas/" + SOME_ORDER,
                "/ops/orders/" + SOME_ORDER,
                "/ops/events/live",
                "/admin/tenants",
                "/admin/tenants/police"
            })
    void a_service_that_does_not_answer_gives_a_page_that_says_so_in_french_by_default(String page) throws Exception {
        mvc.perform(get(page).with(everyRole()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("Service indisponible")))
                .andExpect(content().string(containsString("lang=\"fr\"")));
    }

    @Test
    void the_ops_page_blanks_only_the_parts_whose_service_does_not_answer() throws Exception {
        mvc.perform(get("/ops").with(everyRole()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-unavailable=\"sagas\"")))
                .andExpect(content().string(containsString("data-unavailable=\"deadLetters\"")))
                .andExpect(content().string(containsString("data-unavailable=\"consumers\"")))
                .andExpect(content().string(containsString("data-unavailable=\"events\"")))
                .andExpect(content().string(containsString("events-filter")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/ops",
                "/migration",
                "/finance",
                "/finance/2026-12/police",
                "/finance/2026-12/police/lines/" + SOME_ORDER,
                "/approvals",
                "/ops/sagas/" + SOME_ORDER + "/retry",
                "/admin/tenants"
            })
    void a_role_sees_only_its_pages(String page) throws Exception {
        mvc.perform(get(page).with(oidcLogin().authorities(new SimpleGrantedAuthority("ROLE_agent"))))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/denied"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/finance/december/police", "/finance/2026-12/police/lines/not-a-line"})
    void an_unreadable_month_or_line_is_the_404_page_without_asking_billing(String page) throws Exception {
        mvc.perform(get(page).with(everyRole()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Page introuvable")));
    }

    @Test
    void the_page_of_a_denied_user_says_so_in_words() throws Exception {
        mvc.perform(get("/denied").with(oidcLogin()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Accès refusé")));
    }

    @Test
    void the_menu_offers_the_pages_of_the_user_s_roles() throws Exception {
        mvc.perform(get("/ops").with(everyRole()))
                .andExpect(content().string(containsString("href=\"/migration\"")))
                .andExpect(content().string(containsString("href=\"/finance\"")));
        mvc.perform(get("/ops").with(oidcLogin().authorities(new SimpleGrantedAuthority("ROLE_ops"))))
                .andExpect(content().string(not(containsString("href=\"/migration\""))));
    }

    private static OidcLoginRequestPostProcessor everyRole() {
        return oidcLogin()
                .authorities(Stream.of("agent", "approver", "finance", "ops", "migration-lead", "platform-admin")
                        .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                        .toArray(GrantedAuthority[]::new));
    }

    @Test
    void the_same_page_in_english_on_request() throws Exception {
        mvc.perform(get("/orders").param("lang", "en").with(oidcLogin()).with(csrf()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("Service unavailable")))
                .andExpect(content().string(containsString("lang=\"en\"")));
    }
}
