package fr.picloud.migration.portfolio.domain;

import java.util.Map;

/**
 * One row of an inventory file as read (CSV or JSON), field names as in the inventory format, values
 * still text; {@code number} is its position in the file, from 1.
 */
public record InventoryRow(long number, Map<String, String> fields) {

    public String get(String field) {
        String value = fields.get(field);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
