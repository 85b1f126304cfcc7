package fr.picloud.catalog.offering.adapter.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import fr.picloud.catalog.offering.application.OfferingSearch.Hit;
import fr.picloud.catalog.offering.application.OfferingSearch.Query;
import fr.picloud.catalog.offering.application.OfferingSearch.Result;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-memory index on its own: the search box's syntax, filters, pages, sorts, facets, updates. */
class OfferingIndexTest {

    private OfferingIndex index;

    @BeforeEach
    void index() {
        index = new OfferingIndex(OfferingDocuments.french(), OfferingDocuments.english());
        index.put(offering(
                "vm-secure",
                "Machine virtuelle sécurisée",
                "Secured virtual machine",
                "Serveur Linux durci",
                "Hardened Linux server",
                "COMPUTE",
                "pi-cloud",
                "vm",
                "120.00"));
        index.put(offering(
                "vm-budget",
                "Machine virtuelle économique",
                "Budget virtual machine",
                "Serveur partagé",
                "Shared server",
                "COMPUTE",
                "partner",
                "vm",
                "25.00"));
        index.put(offering(
                "k8s-ns",
                "Espace de noms Kubernetes",
                "Kubernetes namespace",
                "Déploiement de conteneurs",
                "Container deployments",
                "CONTAINER",
                "pi-cloud",
                "kubernetes",
                null));
        index.publish(1);
    }

    @Test
    void words_must_all_match_in_french_or_in_english_with_stemming_and_without_accents() {
        assertThat(codes("machine securisee")).containsExactly("vm-secure");
        assertThat(codes("hardening")).containsExactly("vm-secure");
        assertThat(codes("déploiements")).containsExactly("k8s-ns");
        assertThat(codes("containers")).containsExactly("k8s-ns");
        assertThat(codes("machine kubernetes")).isEmpty();
    }

    @Test
    void or_offers_alternatives_a_minus_excludes_and_quotes_ask_for_a_phrase() {
        assertThat(codes("durci or partagé")).containsExactlyInAnyOrder("vm-secure", "vm-budget");
        assertThat(codes("machine -budget")).containsExactly("vm-secure");
        assertThat(codes("-machine")).containsExactly("k8s-ns");
        assertThat(codes("\"virtual machine\"")).containsExactlyInAnyOrder("vm-secure", "vm-budget");
        assertThat(codes("\"machine virtual\"")).isEmpty();
    }

    @Test
    void stop_words_are_left_out_and_a_search_of_stop_words_alone_finds_nothing() {
        assertThat(codes("espace de noms")).containsExactly("k8s-ns");
        assertThat(codes("the of")).isEmpty();
    }

    @Test
    void anything_typed_in_the_search_box_is_answered_without_an_error() {
        String longest = "a-".repeat(100); // 200 characters, the controller's limit: 100 words in one
        for (String typed : List.of("\"", "\"\"", "-", "--", "or", "or or -", "*:?\\(", "\u0000", longest)) {
            assertThat(codes(typed)).as(typed).isEmpty();
        }
        assertThat(codes("\"virtual machine"))
                .as("an unclosed quote reads to the end")
                .containsExactlyInAnyOrder("vm-secure", "vm-budget");
    }

    @Test
    void filters_facets_totals_pages_and_sorts() {
        Result compute = search(null, "COMPUTE", null, 0, 1, "-code");
        assertThat(compute.total()).isEqualTo(2);
        assertThat(compute.items()).extracting(Hit::code).containsExactly("vm-secure");
        assertThat(compute.facets().get("provider"))
                .containsEntry("pi-cloud", 1L)
                .containsEntry("partner", 1L);
        assertThat(search(null, "COMPUTE", null, 1, 1, "-code").items())
                .extracting(Hit::code)
                .containsExactly("vm-budget");
        assertThat(search(null, "COMPUTE", null, 5, 1, "-code").items()).isEmpty();

        Result all = search(null, null, null, 0, 20, "provider");
        assertThat(all.items()).extracting(Hit::code).containsExactly("vm-budget", "k8s-ns", "vm-secure");
        assertThat(all.facets().get("category")).containsEntry("COMPUTE", 2L).containsEntry("CONTAINER", 1L);
        assertThat(search(null, null, "kubernetes", 0, 20, null).items())
                .extracting(Hit::code)
                .containsExactly("k8s-ns");
    }

    @Test
    void a_price_range_keeps_the_offerings_priced_from_its_lower_bound_and_below_its_upper_one() {
        assertThat(search(null, null, null, 0, 20, null).facets().get("price"))
                .as("every range with matches, in order; the unpriced offering in none")
                .containsExactly(entry("25-100", 1L), entry("100-500", 1L));
        assertThat(priced("25", "100")).containsExactly("vm-budget");
        assertThat(priced("25.01", null)).containsExactly("vm-secure");
        assertThat(priced(null, "120")).containsExactly("vm-budget");
        assertThat(priced(null, "120.001")).as("below 120.01: 120.00 is in").containsExactly("vm-budget", "vm-secure");
        assertThat(priced("0", null)).as("any price at all").containsExactly("vm-budget", "vm-secure");
        assertThat(priced("500", null)).isEmpty();

        Result ranged =
                index.search(SearchKey.of(query("machine", null, new BigDecimal("100"), new BigDecimal("500"))));
        assertThat(ranged.total()).isEqualTo(1);
        assertThat(ranged.facets().get("price")).containsExactly(entry("100-500", 1L));
        assertThat(ranged.facets().get("provider")).containsExactly(entry("pi-cloud", 1L));
        assertThat(ranged.items()).extracting(Hit::monthlyPrice).containsExactly(new BigDecimal("120.00"));
    }

    @Test
    void a_put_replaces_the_offering_and_is_searchable_once_published() {
        UUID id = UUID.nameUUIDFromBytes("vm-budget".getBytes());
        index.put(new IndexedOffering(
                new Hit(
                        id,
                        "vm-budget",
                        "Machine renommée",
                        "Renamed machine",
                        "COMPUTE",
                        "partner",
                        "Partner",
                        List.of("vm"),
                        null,
                        "RETIRED",
                        null),
                "",
                ""));

        assertThat(codes("renamed")).as("not yet published").isEmpty();
        index.publish(2);
        assertThat(index.revision()).isEqualTo(2);
        assertThat(codes("renamed")).isEmpty(); // retired: the PUBLISHED filter leaves it out
        Result retired = index.search(SearchKey.of(new Query("renamed", null, null, null, "RETIRED", 0, 20, null)));
        assertThat(retired.items()).extracting(Hit::nameEn).containsExactly("Renamed machine");
        assertThat(index.documents()).isEqualTo(3);
    }

    private List<String> priced(String min, String max) {
        Query query =
                query(null, "code", min == null ? null : new BigDecimal(min), max == null ? null : new BigDecimal(max));
        return index.search(SearchKey.of(query)).items().stream().map(Hit::code).toList();
    }

    private static Query query(String text, String sort, BigDecimal minPrice, BigDecimal maxPrice) {
        return new Query(text, null, null, null, "PUBLISHED", 0, 20, sort, minPrice, maxPrice);
    }

    private List<String> codes(String text) {
        return search(text, null, null, 0, 20, null).items().stream()
                .map(Hit::code)
                .toList();
    }

    private Result search(String text, String category, String tag, int page, int size, String sort) {
        return index.search(SearchKey.of(new Query(text, category, null, tag, "PUBLISHED", page, size, sort)));
    }

    private static IndexedOffering offering(
            String code,
            String nameFr,
            String nameEn,
            String descriptionFr,
            String descriptionEn,
            String category,
            String provider,
            String tag,
            String monthlyPrice) {
        return new IndexedOffering(
                new Hit(
                        UUID.nameUUIDFromBytes(code.getBytes()),
                        code,
                        nameFr,
                        nameEn,
                        category,
                        provider,
                        provider.toUpperCase(),
                        List.of(tag),
                        "GOLD",
                        "PUBLISHED",
                        monthlyPrice == null ? null : new BigDecimal(monthlyPrice)),
                descriptionFr,
                descriptionEn);
    }
}
