package fr.picloud.catalog.offering.adapter.web;

import fr.picloud.catalog.offering.application.Actor;
import fr.picloud.catalog.offering.application.OfferingImport;
import fr.picloud.catalog.offering.application.OfferingSearch;
import fr.picloud.catalog.offering.application.OfferingService;
import fr.picloud.catalog.offering.domain.Offering;
import fr.picloud.catalog.offering.domain.OfferingCategory;
import fr.picloud.catalog.offering.domain.OfferingDetails;
import fr.picloud.catalog.offering.domain.OfferingStatus;
import fr.picloud.contracts.LocalizedText;
import fr.picloud.contracts.offering.OfferingState;
import fr.picloud.contracts.offering.PriceList;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import fr.picloud.platform.security.CurrentUser;
import fr.picloud.platform.security.Roles;
import fr.picloud.pricing.PricingCalculator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/offerings")
@Validated
class OfferingController {

    private final OfferingService offerings;
    private final OfferingSearch search;
    private final OfferingImport offeringImport;
    private final FeedReader feedReader;
    private final Clock clock;

    OfferingController(
            OfferingService offerings,
            OfferingSearch search,
            OfferingImport offeringImport,
            FeedReader feedReader,
            Clock clock) {
        this.offerings = offerings;
        this.search = search;
        this.offeringImport = offeringImport;
        this.feedReader = feedReader;
        this.clock = clock;
    }

    record Text(
            @NotBlank @Size(max = 500) String fr,
            @NotBlank @Size(max = 500) String en) {

        LocalizedText toDomain() {
            return new LocalizedText(fr, en);
        }
    }

    record ProviderBody(
            @NotBlank @Size(max = 100) String id,
            @NotBlank @Size(max = 200) String name,
            boolean secNumCloud,
            @NotBlank @Size(max = 100) String dataLocation) {}

    record OfferingBody(
            @NotBlank
            @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,62}", message = "lower-case letters, digits, dots and dashes")
            String code,

            @NotNull @Valid Text name,
            @NotNull @Valid Text description,
            @NotNull OfferingCategory category,
            @NotNull @Valid ProviderBody provider,
            @Size(max = 30) List<@NotBlank @Size(max = 50) String> tags,
            @Size(max = 30) String slaTier,
            @Size(max = 30) String version,
            @NotNull Map<String, Object> parameterSchema,
            @NotNull @Valid ResourceTemplate resourceTemplate,
            Map<PriceUnit, @NotNull BigDecimal> rates,

            @Pattern(regexp = "DRAFT|PUBLISHED", message = "DRAFT or PUBLISHED")
            @Schema(
                    description =
                            "provider feeds only: whether the imported offering is orderable (default PUBLISHED); the create call always makes a DRAFT")
            String status,

            @Min(1)
            @Max(3650)
            @Schema(
                    description =
                            "when set, every order carries an end date at most this many days ahead, at which the platform decommissions it (a test environment: 90)")
            Integer maxLifetimeDays) {

        OfferingDetails toDomain() {
            return new OfferingDetails(
                    code,
                    name.toDomain(),
                    description.toDomain(),
                    category,
                    new OfferingState.Provider(
                            provider.id(), provider.name(), provider.secNumCloud(), provider.dataLocation()),
                    tags,
                    slaTier,
                    version,
                    parameterSchema,
                    resourceTemplate,
                    maxLifetimeDays);
        }
    }

    record PriceChange(
            @NotNull LocalDate effectiveFrom,
            @NotNull @Size(min = 1) Map<PriceUnit, @NotNull BigDecimal> rates) {}

    record QuoteRequest(@NotNull Map<String, Object> parameters) {}

    /** An offering with everything an order needs: schema, template and the price in force. */
    record OfferingView(OfferingState offering, PriceList currentPrice) {}

    @GetMapping
    @Operation(
            operationId = "searchOfferings",
            summary = "Search the catalogue: full text in French and English, filters, facets",
            description = "Answered from the instance's search index, which holds every change committed"
                    + " before the search began, on any instance; Cache-Control: no-cache asks for the"
                    + " database's own full-text search instead. minPrice and maxPrice (euros a month,"
                    + " from minPrice, below maxPrice) keep the offerings whose reference price (the monthly"
                    + " quote of the schema's defaults at the price in force) is in that range; the price"
                    + " facet counts the matches per range (0-25, 25-100, 100-500, 500-).")
    OfferingSearch.Result search(
            @RequestHeader(name = "Cache-Control", required = false) String cacheControl,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String provider,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) OfferingStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) @DecimalMin("0") @DecimalMax("1000000000") BigDecimal minPrice,
            @RequestParam(required = false) @DecimalMin("0") @DecimalMax("1000000000") BigDecimal maxPrice) {
        if (sort != null && !OfferingSearch.SORTS.contains(sort.replaceFirst("^-", ""))) {
            throw new InvalidInputException(
                    "unknown sort field " + sort,
                    List.of(new Violation(
                            "sort", "must be one of " + OfferingSearch.SORTS + ", optionally prefixed with -")));
        }
        OfferingStatus visible = status == null ? OfferingStatus.PUBLISHED : status;
        if (visible != OfferingStatus.PUBLISHED && !CurrentUser.get().hasRole(Roles.CATALOG_ADMIN)) {
            throw new AccessDeniedException("only catalogue administrators see " + visible + " offerings");
        }
        OfferingSearch.Query query = new OfferingSearch.Query(
                q, category, provider, tag, visible.name(), page, size, sort, minPrice, maxPrice);
        boolean noCache =
                cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-cache");
        return noCache ? search.searchUncached(query) : search.search(query);
    }

    @PostMapping(
            path = "/import",
            consumes = {FeedReader.JSON_LINES, FeedReader.NDJSON, FeedReader.CSV})
    @PreAuthorize("hasRole('catalog-admin')")
    @Operation(
            operationId = "importOfferings",
            summary = "Load a provider feed (JSON lines or CSV); idempotent; per-row errors, good rows kept",
            description = "One offering per JSON line (the body of createOffering, with rates) or per CSV row;"
                    + " see docs/catalog-feeds.md for the CSV columns.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(mediaType = FeedReader.JSON_LINES, schema = @Schema(type = "string")),
                                @Content(mediaType = FeedReader.NDJSON, schema = @Schema(type = "string")),
                                @Content(mediaType = FeedReader.CSV, schema = @Schema(type = "string"))
                            }))
    OfferingImport.Report importFeed(
            @RequestHeader("Content-Type") String contentType, jakarta.servlet.http.HttpServletRequest request)
            throws java.io.IOException {
        return offeringImport.load(feedReader.rows(contentType, request.getInputStream()), actor());
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getOffering",
            summary = "One offering with its parameter schema, resource template and the price in force today",
            description = "A draft is a 404 to whoever does not manage the catalogue.")
    OfferingView get(@PathVariable UUID id) {
        return view(offerings.read(id, mayReadDrafts()));
    }

    @PostMapping
    @PreAuthorize("hasRole('catalog-admin')")
    @Operation(
            operationId = "createOffering",
            summary = "Create an offering as a draft, with its first prices in force from today when rates are given",
            description = "Nothing is published about a draft; publishing it makes it orderable.")
    // 201 in the OpenAPI document too (the ResponseEntity sets it)
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<OfferingView> create(@Valid @RequestBody OfferingBody body) {
        Offering offering = offerings.createDraft(body.toDomain(), body.rates(), actor());
        return ResponseEntity.created(URI.create("/api/v1/offerings/" + offering.id()))
                .body(view(offering));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('catalog-admin')")
    @Operation(
            operationId = "updateOffering",
            summary = "Replace the details of a draft offering (409 once it is published)")
    OfferingView update(@PathVariable UUID id, @Valid @RequestBody OfferingBody body) {
        return view(offerings.updateDraft(id, body.toDomain(), actor()));
    }

    @PostMapping("/{id}/prices")
    @PreAuthorize("hasRole('catalog-admin')")
    @Operation(
            operationId = "changeOfferingPrices",
            summary = "Add a price version in force from a date, never before today nor before the latest version")
    OfferingView changePrices(@PathVariable UUID id, @Valid @RequestBody PriceChange body) {
        return view(offerings.changePrices(id, body.rates(), body.effectiveFrom(), actor()));
    }

    @PostMapping("/{id}/publish")
    @PreAuthorize("hasRole('catalog-admin')")
    @Operation(operationId = "publishOffering", summary = "Make a draft orderable; it needs a price in force today")
    OfferingView publish(@PathVariable UUID id) {
        return view(offerings.publish(id, actor()));
    }

    @PostMapping("/{id}/deprecate")
    @PreAuthorize("hasRole('catalog-admin')")
    @Operation(
            operationId = "deprecateOffering",
            summary = "Stop new orders of an offering; its running services stay billable")
    OfferingView deprecate(@PathVariable UUID id) {
        return view(offerings.deprecate(id, actor()));
    }

    @PostMapping("/{id}/retire")
    @PreAuthorize("hasRole('catalog-admin')")
    @Operation(
            operationId = "retireOffering",
            summary = "Retire a published or deprecated offering: the end of its lifecycle, never orderable again")
    OfferingView retire(@PathVariable UUID id) {
        return view(offerings.retire(id, actor()));
    }

    @PostMapping("/{id}/quote")
    @Operation(
            operationId = "quoteOffering",
            summary = "Monthly estimate of an order with these parameters, or 422 with the schema violations")
    PricingCalculator.Quote quote(@PathVariable UUID id, @Valid @RequestBody QuoteRequest body) {
        return offerings.quote(id, body.parameters(), mayReadDrafts());
    }

    private OfferingView view(Offering offering) {
        Optional<PriceList> current = offering.priceInForce(LocalDate.now(clock));
        return new OfferingView(offering.state(), current.orElse(null));
    }

    private static boolean mayReadDrafts() {
        return CurrentUser.get().hasRole(Roles.CATALOG_ADMIN);
    }

    private static Actor actor() {
        CurrentUser user = CurrentUser.get();
        return new Actor(user.subject(), user.provider());
    }
}
