package fr.picloud.provisioning.saga.application;

import fr.picloud.provisioning.saga.domain.Cloud;
import fr.picloud.provisioning.saga.domain.CloudException;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ProjectQuota;
import fr.picloud.provisioning.saga.domain.Readiness;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A cloud in memory for the engine's fast tests: resources by their step's unique name, creates
 * counted, and faults set per kind (an answer lost after the create, a resource that never gets
 * ready or fails, a delete that keeps failing).
 */
final class InMemoryCloud implements Cloud {

    final Map<String, CloudResource> resources = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> creates = new ConcurrentHashMap<>();
    final Set<String> loseAnswerOnce = ConcurrentHashMap.newKeySet();
    final Set<String> neverReady = ConcurrentHashMap.newKeySet();
    final Set<String> failsWhenReady = ConcurrentHashMap.newKeySet();
    final Set<String> deleteFails = ConcurrentHashMap.newKeySet();
    /** The steps whose resources were deleted, in the order they went. */
    final List<String> deletions = new CopyOnWriteArrayList<>();

    private final Map<String, Integer> pollsBeforeReady = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** Servers and volumes build: they answer "pending" this many times before they are ready. */
    InMemoryCloud buildingPolls(int polls) {
        pollsBeforeReady.put("server", polls);
        pollsBeforeReady.put("volume", polls);
        return this;
    }

    @Override
    public String ensureProject(String tenant, ProjectQuota quota) {
        return "project-" + tenant;
    }

    @Override
    public boolean projectExists(String projectId) {
        return true;
    }

    @Override
    public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
        return Optional.ofNullable(resources.get(spec.name()));
    }

    @Override
    public CloudResource create(String projectId, ResourceSpec spec) {
        CloudResource made = new CloudResource(
                spec.kind(), spec.kind() + "-" + ids.incrementAndGet(), Map.of("name", spec.name(), "polls", "0"));
        resources.put(spec.name(), made);
        creates.computeIfAbsent(stepOf(spec.name()), name -> new AtomicInteger())
                .incrementAndGet();
        if (loseAnswerOnce.remove(spec.kind())) {
            throw new CloudException(true, "read timed out: the create's answer was lost");
        }
        return made;
    }

    @Override
    public Readiness readiness(String projectId, CloudResource resource) {
        if (failsWhenReady.contains(resource.kind())) {
            return new Readiness.Failed(resource.kind() + " " + resource.id() + " is in ERROR");
        }
        if (neverReady.contains(resource.kind())) {
            return new Readiness.Pending("BUILD");
        }
        String name = resource.attribute("name");
        CloudResource current = resources.get(name);
        int polls = Integer.parseInt(current.attribute("polls"));
        if (polls < pollsBeforeReady.getOrDefault(resource.kind(), 0)) {
            resources.put(
                    name,
                    new CloudResource(current.kind(), current.id(), Map.of("name", name, "polls", "" + (polls + 1))));
            return new Readiness.Pending("BUILD");
        }
        return new Readiness.Ready(current);
    }

    @Override
    public boolean delete(String projectId, CloudResource resource) {
        if (deleteFails.contains(resource.kind())) {
            throw new CloudException(true, "the " + resource.kind() + " is still in use");
        }
        resources.entrySet().removeIf(held -> {
            boolean gone = held.getValue().id().equals(resource.id());
            if (gone) {
                deletions.add(stepOf(held.getKey()));
            }
            return gone;
        });
        return true;
    }

    /** The saga step a resource was made for: its name is {@code pi-<saga id>-<step>}. */
    static String stepOf(String resourceName) {
        return resourceName.substring("pi-".length() + 36 + 1);
    }

    /** The steps whose resources the cloud still holds. */
    Set<String> stepsHeld() {
        return resources.keySet().stream().map(InMemoryCloud::stepOf).collect(Collectors.toSet());
    }

    int createsOf(String stepName) {
        AtomicInteger count = creates.get(stepName);
        return count == null ? 0 : count.get();
    }
}
