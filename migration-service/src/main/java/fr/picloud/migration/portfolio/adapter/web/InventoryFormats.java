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
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
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

    private final JsonMapper json;
    private final CsvMapper csv = CsvMapper.builder().build();

    InventoryFormats(JsonMapper json) {
        this.json = json;
    }

    List<InventoryRow> read(String contentType, InputStream body) {
        return contentType != null && contentType.startsWith(CSV) ? readCsv(body) : readJson(body);
    }

    private List<InventoryRow> readCsv(InputStream body) {
        List<InventoryRow> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> values = csv.readerFor(new TypeReference<Map<String, String>>() {})
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(body)) {
            long number = 0;
            while (values.hasNextValue()) {
                number++;
                rows.add(new InventoryRow(number, values.nextValue()));
            }
        } catch (JacksonException e) {
            // a broken quote desynchronises the parser: nothing after it can be trusted, so nothing is loaded
            throw new InvalidInputException(
                    "unreadable CSV after row " + rows.size() + ": nothing was loaded",
                    List.of(new Violation("row " + (rows.size() + 1), e.getOriginalMessage())));
        }
        return rows;
    }

    private List<InventoryRow> readJson(InputStream body) {
        JsonNode document;
        try {
            document = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException(
                    "unreadable JSON: nothing was loaded", List.of(new Violation("", e.getOriginalMessage())));
        }
        if (document == null || !document.isArray()) {
            throw new InvalidInputException(
                    "the inventory must be a JSON array of applications",
                    List.of(new Violation("", "expected an array")));
        }
        List<InventoryRow> rows = new ArrayList<>();
        long number = 0;
        for (JsonNode element : document) {
            number++;
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
            rows.add(new InventoryRow(number, fields));
        }
        return rows;
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
