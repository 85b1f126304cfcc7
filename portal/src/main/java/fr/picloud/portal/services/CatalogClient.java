package fr.picloud.portal.services;

import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.pricing.PricingCalculator.Quote;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/** catalog-service's API (see its OpenAPI document), as the portal's pages use it. */
public class CatalogClient {

    public record Hit(
            UUID id,
            String code,
            String nameFr,
            String nameEn,
            String category,
            String providerId,
            String providerName,
            List<String> tags,
            String slaTier,
            BigDecimal monthlyPrice) {}

    public record SearchResult(List<Hit> items, long total, Map<String, Map<String, Long>> facets) {}

    /** An offering with everything an order needs: schema, template and the price in force (null if none). */
    public record OfferingView(OfferingState offering, PriceList currentPrice) {}

    /**
     * A search: free text and facets, as the search page's form submits them.
     *
     * @param price one of the price facet's ranges ({@code "25-100"}: from 25 euros a month, below 100;
     *     {@code "500-"}: from 500); anything else is no price range
     */
    public record Search(String q, String category, String provider, String tag, String price, int page, int size) {

        private static final Pattern PRICE_RANGE = Pattern.compile("(\\d{1,9})-(\\d{1,9})?");

        public Search {
            price = price != null && PRICE_RANGE.matcher(price).matches() ? price : null;
        }

        /** The price range's lower bound, in euros a month; null for none. */
        public String minPrice() {
            return price == null ? null : price.substring(0, price.indexOf('-'));
        }

        /** The price range's upper bound (excluded); null for none. */
        public String maxPrice() {
            return price == null || price.endsWith("-") ? null : price.substring(price.indexOf('-') + 1);
        }
    }

    private final RestClient http;

    CatalogClient(RestClient http) {
        this.http = http;
    }

    public SearchResult search(Search search) {
        return Problems.raise(http.get()
                        .uri(builder -> {
                            UriBuilder uri = builder.path("/api/v1/offerings")
                                    .queryParam("page", search.page())
                                    .queryParam("size", search.size());
                            Map<String, String> values = new HashMap<>();
                            optional(uri, values, "q", search.q());
                            optional(uri, values, "category", search.category());
                            optional(uri, values, "provider", search.provider());
                            optional(uri, values, "tag", search.tag());
                            optional(uri, values, "minPrice", search.minPrice());
                            optional(uri, values, "maxPrice", search.maxPrice());
                            return uri.build(values);
                        })
                        .retrieve())
                .body(SearchResult.class);
    }

    public OfferingView offering(UUID id) {
        return Problems.raise(http.get().uri("/api/v1/offerings/{id}", id).retrieve())
                .body(OfferingView.class);
    }

    public Quote quote(UUID id, Map<String, Object> parameters) {
        return Problems.raise(http.post()
                        .uri("/api/v1/offerings/{id}/quote", id)
                        .body(Map.of("parameters", parameters))
                        .retrieve())
                .body(Quote.class);
    }

    /** Values go in as URI variables, so that they are encoded strictly ("&" or "+" in a search). */
    private static void optional(UriBuilder uri, Map<String, String> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, "{" + name + "}");
            values.put(name, value);
        }
    }
}
