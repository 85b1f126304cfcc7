package fr.picloud.migration.portfolio.adapter.web;

import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.migration.portfolio.domain.InventoryRow;
import fr.picloud.migration.portfolio.domain.InventoryValidator;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The inventory's two formats. CSV: a header row with the field names of
 * {@link InventoryValidator#FIELDS}, dependencies separated by ';'. JSON: an array of objects with the
 * same fields, dependencies as an array of ids.
 */
@Component
class InventoryFormats {

    static final String CSV = "text/csv";

    /** The longest cell (CSV) or value (JSON) of an inventory: far above any name, list or note. */
    static final int MAX_VALUE_CHARS = 65_536;

    private static final StreamReadConstraints BOUNDED = StreamReadConstraints.builder()
            .maxStringLength(MAX_VALUE_CHARS)
            .maxNameLength(MAX_VALUE_CHARS)
            // an array of objects whose values may be arrays of ids
            .maxNestingDepth(8)
            .build();

    private final JsonMapper json = JsonMapper.builder(
                    JsonFactory.builder().streamReadConstraints(BOUNDED).build())
            // each element is read on its own, the rest of the array follows it
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final CsvMapper csv = CsvMapper.builder(
                    CsvFactory.builder().streamReadConstraints(BOUNDED).build())
            .build();

    /**
     * The rows of an inventory as they are read, one call of the sink each: the file is never held
     * whole. A file that cannot be read to its end throws: nothing of it is loaded.
     */
    Consumer<Consumer<InventoryRow>> read(String contentType, InputStream body) {
        return contentType != null && contentType.startsWith(CSV)
                ? sink -> readCsv(body, sink)
                : sink -> readJson(body, sink);
    }

    private void readCsv(InputStream body, Consumer<InventoryRow> sink) {
        long number = 0;
        try (MappingIterator<Map<String, String>> values = csv.readerFor(new TypeReference<Map<String, String>>() {})
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(body)) {
            while (values.hasNextValue()) {
                sink.accept(new InventoryRow(number + 1, values.nextValue()));
                number++;
            }
        } catch (JacksonException e) {
            // a broken quote desynchronises the parser: nothing after it can be trusted, so nothing is loaded
            throw new InvalidInputException(
                    "unreadable CSV after row " + number + ": nothing was loaded",
                    List.of(new Violation("row " + (number + 1), e.getOriginalMessage())));
        }
    }

    private void readJson(InputStream body, Consumer<InventoryRow> sink) {
        long number = 0;
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidInputException(
                        "the inventory must be a JSON array of applications",
                        List.of(new Violation("", "expected an array")));
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                JsonNode element = json.readTree(parser);
                number++;
                sink.accept(new InventoryRow(number, fields(element)));
            }
        } catch (JacksonException e) {
            throw new InvalidInputException(
                    "unreadable JSON after row " + number + ": nothing was loaded",
                    List.of(new Violation(number == 0 ? "" : "row " + (number + 1), e.getOriginalMessage())));
        }
    }

    private static Map<String, String> fields(JsonNode element) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (element.isObject()) {
            for (var property : element.properties()) {
                JsonNode value = property.getValue();
                if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    value.forEach(item -> items.add(item.asString()));
                    fields.put(property.getKey(), String.join(";", items));
                } else if (!value.isNull()) {
                    fields.put(property.getKey(), value.isString() ? value.asString() : value.toString());
                }
            }
        }
        return fields;
    }

    /** The applications as an inventory CSV, which {@link #read} reads back to the same applications. */
    String writeCsv(List<Application> applications) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        InventoryValidator.FIELDS.forEach(schema::addColumn);
        List<Map<String, Object>> rows = applications.stream()
                .map(application -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", application.id());
                    row.put("name", application.name());
                    row.put("tenant", application.tenant());
                    row.put("criticality", application.criticality());
                    row.put("users", application.users());
                    row.put("hosting", application.hosting());
                    row.put("os", application.os());
                    row.put("osVersion", application.osVersion());
                    row.put("middleware", application.middleware());
                    row.put("database", application.database());
                    row.put("vcpus", application.vcpus());
                    row.put("ramGb", application.ramGb());
                    row.put("storageGb", application.storageGb());
                    row.put("dataSensitivity", application.dataSensitivity());
                    row.put("endOfSupport", application.endOfSupport());
                    row.put("licenceConstraint", application.licenceConstraint());
                    row.put("dependencies", application.dependencies().stream().collect(Collectors.joining(";")));
                    row.put("monthlyCost", application.monthlyCost().toPlainString());
                    row.put("costCenter", application.costCenter());
                    return row;
                })
                .toList();
        return csv.writer(schema.build()).writeValueAsString(rows);
    }
}
