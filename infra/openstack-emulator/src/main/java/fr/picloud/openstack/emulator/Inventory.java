package fr.picloud.openstack.emulator;

import fr.picloud.openstack.emulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every live resource per project, as tests count orphans: {"projects": {id: {"servers": [...]}}}.
 * Only what clients created is listed; what the emulator seeds (flavors, images, the public network,
 * Neutron's automatic "default" security groups) is not, so a clean project shows an empty inventory.
 */
public final class Inventory {

    private final Map<String, Map<String, List<ObjectNode>>> byProject = new TreeMap<>();

    public void add(String projectId, String kind, String id, String name, String status) {
        ObjectNode entry = Json.object().put("id", id).put("name", name);
        if (status != null) {
            entry.put("status", status);
        }
        byProject
                .computeIfAbsent(projectId, p -> new TreeMap<>())
                .computeIfAbsent(kind, k -> new ArrayList<>())
                .add(entry);
    }

    public ObjectNode toJson(String onlyProject) {
        ObjectNode projects = Json.object();
        int total = 0;
        for (var project : byProject.entrySet()) {
            if (onlyProject != null && !onlyProject.equals(project.getKey())) {
                continue;
            }
            ObjectNode kinds = projects.putObject(project.getKey());
            for (var kind : project.getValue().entrySet()) {
                kinds.set(kind.getKey(), Json.arrayOf(kind.getValue(), node -> node));
                total += kind.getValue().size();
            }
        }
        ObjectNode root = Json.object();
        root.put("total", total);
        root.set("projects", projects);
        return root;
    }
}
