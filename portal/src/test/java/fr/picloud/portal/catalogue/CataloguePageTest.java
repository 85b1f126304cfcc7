package fr.picloud.portal.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.picloud.portal.services.CatalogClient;
import fr.picloud.portal.services.CatalogClient.Hit;
import fr.picloud.portal.services.CatalogClient.Search;
import fr.picloud.portal.services.CatalogClient.SearchResult;
import fr.picloud.portal.web.PortalPageTest;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The catalogue page's price range as catalog-service's answers make it, the service replaced by a stand-in. */
@PortalPageTest
class CataloguePageTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CatalogClient catalog;

    @Test
    void the_price_ranges_are_named_in_words_keep_the_other_filters_and_each_offering_shows_its_price()
            throws Exception {
        Map<String, Long> prices = new LinkedHashMap<>();
        prices.put("0-25", 3L);
        prices.put("100-500", 1L);
        prices.put("500-", 2L);
        Hit vm = new Hit(
                UUID.randomUUID(),
                "vm-stack",
                "Pile machine virtuelle",
                "VM stack",
                "COMPUTE",
                "pi-cloud",
                "PI Cloud",
                List.of("vm"),
                "GOLD",
                new BigDecimal("1234.50"));
        Hit unpriced = new Hit(
                UUID.randomUUID(),
                "s3",
                "Stockage",
                "Storage",
                "STORAGE",
                "pi-cloud",
                "PI Cloud",
                List.of(),
                null,
                null);
        when(catalog.search(any()))
                .thenReturn(new SearchResult(
                        List.of(vm, unpriced),
                        2,
                        Map.of(
                                "category",
                                Map.of("COMPUTE", 1L),
                                "provider",
                                Map.of("pi-cloud", 2L),
                                "price",
                                prices)));

        String html = mvc.perform(get("/catalogue?q=vm&category=COMPUTE&price=500-")
                        .with(oidcLogin().authorities(new SimpleGrantedAuthority("ROLE_agent"))))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).contains("Moins de 25 € (3)", "De 100 à 500 € (1)", "500 € et plus (2)");
        assertThat(html)
                .as("the chosen range is marked and its link takes it off; the other filters stay")
                .containsPattern("href=\"/catalogue\\?q=vm&amp;category=COMPUTE&amp;provider=&amp;price=\"\\s+"
                        + "aria-current=\"true\" data-range=\"500-\"")
                .contains("href=\"/catalogue?q=vm&amp;category=COMPUTE&amp;provider=&amp;price=0-25\"")
                .contains("href=\"/catalogue?q=vm&amp;category=COMPUTE&amp;provider=pi-cloud&amp;price=500-\"")
                .contains("<input type=\"hidden\" name=\"price\" value=\"500-\">");
        assertThat(html).contains("1 234,50 € par mois, valeurs par défaut");
        assertThat(count(html, "portal-hit-price"))
                .as("no price shown for an offering without one")
                .isEqualTo(1);
        ArgumentCaptor<Search> asked = ArgumentCaptor.forClass(Search.class);
        verify(catalog).search(asked.capture());
        assertThat(asked.getValue().minPrice()).isEqualTo("500");
        assertThat(asked.getValue().maxPrice()).isNull();
    }

    @Test
    void a_price_range_the_page_does_not_know_is_no_range() {
        assertThat(new Search(null, null, null, null, "cheap", 0, 10).price()).isNull();
        assertThat(new Search(null, null, null, null, "-25", 0, 10).price()).isNull();
        Search range = new Search(null, null, null, null, "25-100", 0, 10);
        assertThat(range.minPrice()).isEqualTo("25");
        assertThat(range.maxPrice()).isEqualTo("100");
    }

    private static int count(String html, String part) {
        return html.split(part, -1).length - 1;
    }
}
