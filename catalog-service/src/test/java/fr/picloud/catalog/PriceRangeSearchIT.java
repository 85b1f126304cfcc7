package fr.picloud.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.catalog.offering.application.OfferingSearch;
import fr.picloud.catalog.offering.application.OfferingSearch.Hit;
import fr.picloud.catalog.offering.application.OfferingSearch.Query;
import fr.picloud.catalog.offering.application.OfferingSearch.Result;
import fr.picloud.catalog.offering.application.OfferingService;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.MutableClock;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestTokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The price range of a search: each offering is filed under its reference price (the quote of its
 * schema's defaults at the price in force), in the database and in every instance's index alike, and
 * moves to its new range on the day a later price list comes into force.
 */
@PiCloudIntegrationTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = "picloud.catalog.reference-price-roll=-") // the test rolls, by its clock
class PriceRangeSearchIT {

    private static final String ADMIN = TestTokens.token("catalog-admin", "dsic", "catalog-admin");
    private static final String AGENT = TestTokens.token("agent-police", "police", "agent");
    private static final String PROVIDER = "price-provider";

    @LocalServerPort
    int port;

    @Autowired
    OfferingSearch search;

    @Autowired
    OfferingService offerings;

    @Autowired
    MutableClock clock;

    @Test
    void offerings_are_filed_under_their_reference_price_and_move_range_when_a_later_price_comes_into_force() {
        ApiClient api = new ApiClient(port);
        // the seed VM stack's form as it opens (m1.small, 1 instance, 10 GB) is 15.70 a month
        // (ReferencePriceTest works it out); ten times its rates, 157.07
        load(api, OfferingMother.vmStack("price-small"), 1);
        load(api, OfferingMother.vmStack("price-large"), 10);

        JsonNode all = search(api, "");
        assertThat(all.path("items").findValuesAsString("code")).containsExactly("price-large", "price-small");
        assertThat(all.path("items").findValues("monthlyPrice"))
                .extracting(JsonNode::decimalValue)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("157.07"), new BigDecimal("15.70"));
        assertThat(all.path("facets").path("price").propertyNames())
                .as("the ranges with matches, cheapest first")
                .containsExactly("0-25", "100-500");
        assertThat(search(api, "&minPrice=25").path("items").findValuesAsString("code"))
                .containsExactly("price-large");
        assertThat(search(api, "&maxPrice=157.07").path("items").findValuesAsString("code"))
                .as("below the upper bound")
                .containsExactly("price-small");
        assertThat(search(api, "&minPrice=15.70&maxPrice=15.71&q=machine")
                        .path("items")
                        .findValuesAsString("code"))
                .containsExactly("price-small");
        assertBothSearchesAgree();

        String smallId = all.path("items").get(1).path("id").asString();
        LocalDate tomorrow =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        ApiClient.Response repriced =
                api.post("/api/v1/offerings/" + smallId + "/prices", ADMIN, """
                {"effectiveFrom": "%s", "rates": %s}
                """.formatted(tomorrow, rates(40)));
        assertThat(repriced.status()).as(repriced.raw().body()).isEqualTo(200);
        assertThat(search(api, "&minPrice=500").path("items").findValuesAsString("code"))
                .as("not before the new price's day")
                .isEmpty();

        clock.advance(Duration.ofDays(1));
        assertThat(offerings.rollReferencePrices(500))
                .as("the offerings whose price changed today")
                .isEqualTo(1);
        assertThat(offerings.rollReferencePrices(500)).as("and none twice").isZero();

        // forty times the rates: 365.00 + 245.28 + 18.00
        JsonNode moved = search(api, "&minPrice=500");
        assertThat(moved.path("items").findValuesAsString("code")).containsExactly("price-small");
        assertThat(moved.path("items").get(0).path("monthlyPrice").decimalValue())
                .isEqualTo(new BigDecimal("628.28"));
        assertThat(search(api, "").path("facets").path("price").propertyNames()).containsExactly("100-500", "500-");
        assertBothSearchesAgree();
    }

    @Test
    void a_price_range_that_is_not_a_number_or_below_zero_is_refused_naming_it() {
        ApiClient api = new ApiClient(port);
        ApiClient.Response negative = api.get("/api/v1/offerings?minPrice=-1", AGENT);
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.header("Content-Type")).startsWith("application/problem+json");
        assertThat(negative.json().path("errors").findValuesAsString("field")).containsExactly("minPrice");

        ApiClient.Response word = api.get("/api/v1/offerings?maxPrice=cheap", AGENT);
        assertThat(word.status()).isEqualTo(400);
        assertThat(word.header("Content-Type")).startsWith("application/problem+json");
    }

    /** The index and the database's own search give the same answer, range by range. */
    private void assertBothSearchesAgree() {
        for (BigDecimal[] range : List.of(
                new BigDecimal[] {null, null},
                new BigDecimal[] {BigDecimal.ZERO, new BigDecimal("25")},
                new BigDecimal[] {new BigDecimal("100"), null},
                new BigDecimal[] {new BigDecimal("15.7"), new BigDecimal("600")})) {
            Query query = new Query(null, null, PROVIDER, null, "PUBLISHED", 0, 20, "code", range[0], range[1]);
            Result indexed = search.search(query);
            Result database = search.searchUncached(query);
            assertThat(indexed.items())
                    .extracting(Hit::code)
                    .isEqualTo(database.items().stream().map(Hit::code).toList());
            assertThat(indexed.items())
                    .extracting(Hit::monthlyPrice)
                    .isEqualTo(database.items().stream().map(Hit::monthlyPrice).toList());
            assertThat(indexed.total()).isEqualTo(database.total());
            assertThat(indexed.facets()).isEqualTo(database.facets());
            assertThat(List.copyOf(indexed.facets().get("price").keySet()))
                    .isEqualTo(List.copyOf(database.facets().get("price").keySet()));
        }
    }

    private static JsonNode search(ApiClient api, String query) {
        ApiClient.Response response = api.get("/api/v1/offerings?provider=" + PROVIDER + query, AGENT);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    private static void load(ApiClient api, ObjectNode body, int times) {
        ((ObjectNode) body.path("provider")).put("id", PROVIDER);
        body.set("rates", OfferingMother.json().readTree(rates(times)));
        ApiClient.Response response =
                api.postRaw("/api/v1/offerings/import", ADMIN, "application/jsonl", OfferingMother.json(body));
        assertThat(response.json().path("rejected").asLong())
                .as(response.raw().body())
                .isZero();
    }

    /** The seed VM stack's rates, {@code times} over. */
    private static String rates(int times) {
        Map<String, String> rates = Map.of(
                "VCPU_HOUR",
                "0.0125",
                "RAM_GB_HOUR",
                "0.0042",
                "VOLUME_GB_MONTH",
                "0.045",
                "FLOATING_IP_HOUR",
                "0.004");
        StringBuilder json = new StringBuilder("{");
        rates.forEach((unit, rate) -> json.append(json.length() > 1 ? ", " : "")
                .append('"')
                .append(unit)
                .append("\": ")
                .append(new BigDecimal(rate).multiply(BigDecimal.valueOf(times)).toPlainString()));
        return json.append('}').toString();
    }
}
