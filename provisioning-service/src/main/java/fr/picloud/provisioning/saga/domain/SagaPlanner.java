package fr.picloud.provisioning.saga.domain;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.contracts.offering.ResourceTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an order's bound resource template into saga steps, in an order where every step comes after
 * what it depends on. The first step ensures the tenant's project; every other step depends on it.
 *
 * <p>A resource with a {@code count} becomes one step per instance ({@code server-0},
 * {@code server-1}...). A step built on a counted resource with the same count is paired with the
 * instance of the same index; a volume attachment without a count gets one instance per pair
 * (server i with volume i); any other resource depends on every instance and reads instance 0 (a
 * floating IP goes to the first server).
 */
public final class SagaPlanner {

    public static final String PROJECT_STEP = "project";

    private SagaPlanner() {}

    public static List<StepPlan> plan(ResourceTemplate template) {
        Map<String, ResourceTemplate.Resource> byName = new LinkedHashMap<>();
        for (ResourceTemplate.Resource resource : template.resources()) {
            if (!included(resource)) {
                continue;
            }
            if (ResourceKind.ofWireName(resource.kind())
                    .filter(ResourceKind::inTemplates)
                    .isEmpty()) {
                throw new InvalidTemplateException("resource '" + resource.name() + "' has kind '" + resource.kind()
                        + "', not one of " + ResourceKind.templateKinds());
            }
            if (resource.name().equals(PROJECT_STEP) || byName.put(resource.name(), resource) != null) {
                throw new InvalidTemplateException("resource name '" + resource.name() + "' is used twice");
            }
        }
        List<String> buildOrder = buildOrder(byName);
        Map<String, Integer> counts = new LinkedHashMap<>();
        byName.values().forEach(resource -> counts(resource, byName, counts));

        List<StepPlan> steps = new ArrayList<>();
        steps.add(new StepPlan(PROJECT_STEP, ResourceKind.PROJECT.wireName(), List.of(), Map.of(), Map.of()));
        for (String name : buildOrder) {
            ResourceTemplate.Resource resource = byName.get(name);
            int count = counts.get(name);
            for (int index = 0; index < Math.max(count, 1); index++) {
                List<String> dependsOn = new ArrayList<>(List.of(PROJECT_STEP));
                Map<String, String> inputs = new LinkedHashMap<>();
                for (String dependency : resource.dependsOn()) {
                    ResourceTemplate.Resource on = byName.get(dependency);
                    int dependencyCount = counts.get(dependency);
                    if (dependencyCount == 0) {
                        dependsOn.add(dependency);
                        inputs.putIfAbsent(on.kind(), dependency);
                    } else if (count > 0 && dependencyCount == count) {
                        dependsOn.add(dependency + "-" + index);
                        inputs.putIfAbsent(on.kind(), dependency + "-" + index);
                    } else if (dependencyCount == 1) {
                        dependsOn.add(dependency + "-0");
                        inputs.putIfAbsent(on.kind(), dependency + "-0");
                    } else {
                        for (int i = 0; i < dependencyCount; i++) {
                            dependsOn.add(dependency + "-" + i);
                        }
                        inputs.putIfAbsent(on.kind(), dependency + "-0");
                    }
                }
                String stepName = count == 0 ? name : name + "-" + index;
                steps.add(new StepPlan(stepName, resource.kind(), dependsOn, inputs, resource.properties()));
            }
        }
        return List.copyOf(steps);
    }

    private static boolean included(ResourceTemplate.Resource resource) {
        return resource.when() == null || Boolean.TRUE.equals(resource.when());
    }

    /** 0 for a single resource, else its number of instances. */
    private static int counts(
            ResourceTemplate.Resource resource,
            Map<String, ResourceTemplate.Resource> byName,
            Map<String, Integer> counts) {
        Integer known = counts.get(resource.name());
        if (known != null) {
            return known;
        }
        int count;
        if (resource.count() == null) {
            count = 0;
            if (ResourceKind.VOLUME_ATTACHMENT.wireName().equals(resource.kind())) {
                for (String dependency : resource.dependsOn()) {
                    ResourceTemplate.Resource on = dependency(resource, dependency, byName);
                    count = Math.max(count, counts(on, byName, counts));
                }
            }
        } else if (resource.count() instanceof Number number
                && number.doubleValue() == number.intValue()
                && number.intValue() >= 1) {
            count = number.intValue();
        } else {
            throw new InvalidTemplateException(
                    "resource '" + resource.name() + "' has count " + resource.count() + ", not a whole number >= 1");
        }
        for (String dependency : resource.dependsOn()) {
            int dependencyCount = counts(dependency(resource, dependency, byName), byName, counts);
            if (count > 1 && dependencyCount > 1 && dependencyCount != count) {
                throw new InvalidTemplateException("resource '" + resource.name() + "' has " + count
                        + " instances but depends on '" + dependency + "' which has " + dependencyCount);
            }
        }
        counts.put(resource.name(), count);
        return count;
    }

    private static ResourceTemplate.Resource dependency(
            ResourceTemplate.Resource resource, String dependency, Map<String, ResourceTemplate.Resource> byName) {
        ResourceTemplate.Resource on = byName.get(dependency);
        if (on == null) {
            throw new InvalidTemplateException("resource '" + resource.name() + "' depends on '" + dependency
                    + "', which the template does not build");
        }
        return on;
    }

    /** Template names in an order where dependencies come first; a cycle is refused. */
    private static List<String> buildOrder(Map<String, ResourceTemplate.Resource> byName) {
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String name : byName.keySet()) {
            visit(name, byName, done, visiting);
        }
        return List.copyOf(done);
    }

    private static void visit(
            String name, Map<String, ResourceTemplate.Resource> byName, Set<String> done, Set<String> visiting) {
        if (done.contains(name)) {
            return;
        }
        if (!visiting.add(name)) {
            throw new InvalidTemplateException("resources depend on each other in a cycle through '" + name + "'");
        }
        ResourceTemplate.Resource resource = byName.get(name);
        for (String dependency : resource.dependsOn()) {
            dependency(resource, dependency, byName);
            visit(dependency, byName, done, visiting);
        }
        visiting.remove(name);
        done.add(name);
    }
}
