package fr.picloud.catalog.offering.adapter.web;

import fr.picloud.catalog.offering.application.FeedRow;
import fr.picloud.contracts.offering.PriceUnit;
import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a provider feed row by row without holding it in memory. JSON lines: one offering body per
 * line, as for {@code POST /api/v1/offerings}. CSV: a header row, then one offering per row with the
 * columns documented in {@code docs/catalog-feeds.md}; the parameter schema and resource template are
 * JSON documents in their cells, tags are separated by {@code |}.
 */
@Component
class FeedReader {

    static final String JSON_LINES = "application/jsonl";
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    static final List<String> CSV_COLUMNS = List.of(
            "code",
            "name_fr",
            "name_en",
            "description_fr",
            "description_en",
            "category",
            "provider_id",
            "provider_name",
            "provider_secnumcloud",
            "provider_data_location",
            "tags",
            "sla_tier",
            "version",
            "status",
            "parameter_schema",
            "resource_template",
            "vcpu_hour",
            "ram_gb_hour",
            "volume_gb_month",
            "floating_ip_hour",
            "setup_fee",
            "max_lifetime_days");

    /**
     * The longest line (JSON lines) or cell (CSV) of a feed: an offering's schema is at most
     * {@link fr.picloud.platform.validation.JsonSchemaChecks#MAX_SCHEMA_CHARS}, its template of the same order.
     */
    static final int MAX_LINE_CHARS = 1 << 20;

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final JsonMapper json;
    private final Validator validator;
    /** No cell of a CSV feed is held beyond this many characters: the parser refuses a longer one. */
    private final CsvMapper csv = CsvMapper.builder(CsvFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(MAX_LINE_CHARS)
                            .build())
                    .build())
            .build();

    FeedReader(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    Consumer<Consumer<FeedRow>> rows(String contentType, InputStream body) {
        return contentType.startsWith(CSV) ? sink -> readCsv(body, sink) : sink -> readJsonLines(body, sink);
    }

    private void readJsonLines(InputStream body, Consumer<FeedRow> sink) {
        try (Reader text = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            BoundedLines lines = new BoundedLines(text, MAX_LINE_CHARS);
            long number = 0;
            for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
                number++;
                if (line.tooLong()) {
                    sink.accept(FeedRow.unreadable(
                            number,
                            null,
                            List.of(new Violation("", "a line longer than " + MAX_LINE_CHARS + " characters"))));
                } else if (!line.text().isBlank()) {
                    sink.accept(jsonLine(number, line.text()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FeedRow jsonLine(long number, String line) {
        try {
            return toRow(number, json.readValue(line, OfferingController.OfferingBody.class));
        } catch (JacksonException e) {
            return FeedRow.unreadable(
                    number, null, List.of(new Violation("", "unreadable JSON: " + e.getOriginalMessage())));
        }
    }

    private void readCsv(InputStream body, Consumer<FeedRow> sink) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows = csv.readerFor(new TypeReference<Map<String, String>>() {})
                .with(schema)
                .readValues(body)) {
            long number = 0;
            while (true) {
                number++;
                Map<String, String> row;
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    row = rows.nextValue();
                } catch (JacksonException e) {
                    // a broken quote or row can desynchronise the parser: report where and stop rather than guess
                    sink.accept(FeedRow.unreadable(
                            number,
                            null,
                            List.of(new Violation(
                                    "", "unreadable CSV, reading stopped at this row: " + e.getOriginalMessage()))));
                    break;
                }
                sink.accept(fromCsv(number, row));
            }
        }
    }

    private FeedRow fromCsv(long number, Map<String, String> row) {
        try {
            Map<PriceUnit, BigDecimal> rates = new LinkedHashMap<>();
            putRate(rates, PriceUnit.VCPU_HOUR, row.get("vcpu_hour"));
            putRate(rates, PriceUnit.RAM_GB_HOUR, row.get("ram_gb_hour"));
            putRate(rates, PriceUnit.VOLUME_GB_MONTH, row.get("volume_gb_month"));
            putRate(rates, PriceUnit.FLOATING_IP_HOUR, row.get("floating_ip_hour"));
            putRate(rates, PriceUnit.SETUP_FEE, row.get("setup_fee"));
            Integer lifetime;
            try {
                lifetime = blank(row.get("max_lifetime_days"))
                        ? null
                        : Integer.valueOf(row.get("max_lifetime_days").trim());
            } catch (NumberFormatException e) {
                return FeedRow.unreadable(
                        number,
                        row.get("code"),
                        List.of(new Violation("maxLifetimeDays", "max_lifetime_days is not a whole number of days")));
            }
            List<String> tags = blank(row.get("tags"))
                    ? List.of()
                    : Arrays.asList(row.get("tags").split("\\|"));
            var body = new OfferingController.OfferingBody(
                    row.get("code"),
                    new OfferingController.Text(row.get("name_fr"), row.get("name_en")),
                    new OfferingController.Text(row.get("description_fr"), row.get("description_en")),
                    blank(row.get("category"))
                            ? null
                            : fr.picloud.catalog.offering.domain.OfferingCategory.valueOf(row.get("category")),
                    new OfferingController.ProviderBody(
                            row.get("provider_id"),
                            row.get("provider_name"),
                            Boolean.parseBoolean(row.get("provider_secnumcloud")),
                            row.get("provider_data_location")),
                    tags,
                    row.get("sla_tier"),
                    row.get("version"),
                    blank(row.get("parameter_schema"))
                            ? null
                            : json.readValue(row.get("parameter_schema"), JSON_OBJECT),
                    blank(row.get("resource_template"))
                            ? null
                            : json.readValue(row.get("resource_template"), ResourceTemplate.class),
                    rates,
                    blank(row.get("status")) ? null : row.get("status"),
                    lifetime);
            return toRow(number, body);
        } catch (JacksonException e) {
            return FeedRow.unreadable(
                    number,
                    row.get("code"),
                    List.of(new Violation("", "unreadable JSON cell: " + e.getOriginalMessage())));
        } catch (NumberFormatException e) {
            return FeedRow.unreadable(
                    number, row.get("code"), List.of(new Violation("rates", "a rate is not a number")));
        } catch (IllegalArgumentException e) {
            return FeedRow.unreadable(
                    number,
                    row.get("code"),
                    List.of(new Violation("category", "unknown category " + row.get("category"))));
        }
    }

    private FeedRow toRow(long number, OfferingController.OfferingBody body) {
        List<Violation> problems = validator.validate(body).stream()
                .sorted(Comparator.comparing(
                        violation -> violation.getPropertyPath().toString()))
                .map(FeedReader::toViolation)
                .toList();
        if (body.rates() == null || body.rates().isEmpty()) {
            problems = new java.util.ArrayList<>(problems);
            problems.add(new Violation("rates", "a feed row needs its prices"));
        }
        if (!problems.isEmpty()) {
            return FeedRow.unreadable(number, body.code(), problems);
        }
        return new FeedRow(
                number, body.code(), body.toDomain(), body.rates(), !"DRAFT".equals(body.status()), List.of());
    }

    private static Violation toViolation(ConstraintViolation<?> violation) {
        return new Violation(violation.getPropertyPath().toString(), violation.getMessage());
    }

    private static void putRate(Map<PriceUnit, BigDecimal> rates, PriceUnit unit, String value) {
        if (!blank(value)) {
            rates.put(unit, new BigDecimal(value.trim()));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
