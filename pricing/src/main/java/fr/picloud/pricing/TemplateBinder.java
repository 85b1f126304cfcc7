package fr.picloud.pricing;

import fr.picloud.contracts.offering.ResourceTemplate;
import fr.picloud.contracts.offering.ResourceTemplate.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binds {@code ${parameter}} placeholders of a resource template to an order's parameters. */
public final class TemplateBinder {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]*)}");

    private TemplateBinder() {}

    /** Every parameter name the template refers to, in order of appearance. */
    public static Set<String> referencedParameters(ResourceTemplate template) {
        Set<String> names = new LinkedHashSet<>();
        for (Resource resource : template.resources()) {
            collect(resource.count(), names);
            collect(resource.when(), names);
            collect(resource.properties(), names);
        }
        return names;
    }

    /**
     * The template with every placeholder replaced; a parameter the order omitted binds to
     * {@code null} (an optional parameter), and a resource whose {@code when} is false is dropped.
     */
    public static ResourceTemplate bind(ResourceTemplate template, Map<String, Object> parameters) {
        List<Resource> bound = new ArrayList<>();
        for (Resource resource : template.resources()) {
            bind(resource, parameters).ifPresent(bound::add);
        }
        return new ResourceTemplate(template.flavors(), bound);
    }

    /** One resource bound, or empty when its {@code when} is false. */
    public static Optional<Resource> bind(Resource resource, Map<String, Object> parameters) {
        // a declared condition holds only when it binds to true: an omitted optional parameter is false
        Object when = value(resource.when(), parameters);
        if (resource.when() != null && !Boolean.TRUE.equals(when) && !"true".equals(when)) {
            return Optional.empty();
        }
        Object count = value(resource.count(), parameters);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) value(resource.properties(), parameters);
        return Optional.of(new Resource(
                resource.name(), resource.kind(), resource.dependsOn(), count == null ? 1 : count, null, properties));
    }

    /** The parameter a template value stands for when it is one placeholder and nothing else. */
    public static Optional<String> placeholder(Object raw) {
        if (raw instanceof String text) {
            Matcher whole = PLACEHOLDER.matcher(text);
            if (whole.matches()) {
                return Optional.of(whole.group(1));
            }
        }
        return Optional.empty();
    }

    private static Object value(Object raw, Map<String, Object> parameters) {
        Optional<String> parameter = placeholder(raw);
        if (parameter.isPresent()) {
            return parameters.get(parameter.get());
        }
        if (raw instanceof String text) {
            return PLACEHOLDER
                    .matcher(text)
                    .replaceAll(match -> Matcher.quoteReplacement(String.valueOf(parameters.get(match.group(1)))));
        }
        if (raw instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((key, item) -> result.put(String.valueOf(key), value(item, parameters)));
            return result;
        }
        if (raw instanceof List<?> list) {
            return list.stream().map(item -> value(item, parameters)).toList();
        }
        return raw;
    }

    private static void collect(Object raw, Set<String> names) {
        if (raw instanceof String text) {
            PLACEHOLDER.matcher(text).results().forEach(match -> names.add(match.group(1)));
        } else if (raw instanceof Map<?, ?> map) {
            map.values().forEach(item -> collect(item, names));
        } else if (raw instanceof List<?> list) {
            list.forEach(item -> collect(item, names));
        }
    }
}
