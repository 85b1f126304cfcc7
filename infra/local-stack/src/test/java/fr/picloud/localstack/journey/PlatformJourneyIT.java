package fr.picloud.localstack.journey;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.localstack.demo.DemoStory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cross-service test: every service as its own JVM over one broker and one PostgreSQL, the
 * OpenStack emulator, and the story {@code picloud demo} tells, with every outcome asserted: an order
 * approved and provisioned, a second one compensated with its quota released, the chargeback line
 * traced back to the first order's saga and resources, the emulator holding exactly the first order's
 * resources, a migration wave launched and followed.
 */
@Order(1) // before the portal's journey on the same stack: it counts every resource the cloud holds
class PlatformJourneyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static JourneyStack stack;

    @BeforeAll
    static void start() {
        stack = JourneyStack.shared();
    }

    @Test
    void the_platform_tells_its_story_and_every_outcome_is_as_told() {
        Path feed = Path.of(System.getProperty("picloud.repository", "../.."))
                .resolve("catalog-service/src/main/resources/seed/demo-catalog.jsonl");

        DemoStory.Outcome outcome = new DemoStory(stack.endpoints(), feed, System.out).tell();

        assertThat(outcome.failures()).as("steps that did not go as told").isEmpty();
        assertThat(outcome.succeeded()).isTrue();

        // the chargeback line is traced back to the order, its saga and its resources
        List<String[]> lines = outcome.chargebackCsv()
                .lines()
                .skip(1)
                // one statement line per row; ids are quoted, amounts are not
                .map(line -> Arrays.stream(line.split(",", -1))
                        .map(cell -> cell.replaceAll("^\"|\"$", ""))
                        .toArray(String[]::new))
                .toList();
        List<String[]> ofOrder = lines.stream()
                .filter(cells -> cells[7].equals(outcome.completedOrder().toString()))
                .toList();
        assertThat(ofOrder).isNotEmpty();
        assertThat(ofOrder)
                .allSatisfy(cells ->
                        assertThat(cells[8]).isEqualTo(outcome.completedSaga().toString()));
        assertThat(ofOrder).extracting(cells -> cells[13]).contains("VCPU_HOUR", "RAM_GB_HOUR", "SETUP_FEE");
        assertThat(lines)
                .noneMatch(cells -> cells[7].equals(outcome.failedOrder().toString()));

        // the emulator holds exactly the completed order's resources (before the migration wave)
        JsonNode projects = JSON.readTree(outcome.inventoryBeforeMigration()).path("projects");
        List<String> names = new ArrayList<>();
        List<String> floatingIps = new ArrayList<>();
        projects.forEach(project -> project.propertyNames().forEach(kind -> {
            switch (kind) {
                case "ports" -> {} // made by Nova and Neutron themselves
                // a floating IP has no name: the inventory shows its address
                case "floatingips" ->
                    project.path(kind)
                            .forEach(ip -> floatingIps.add(ip.path("id").asString()));
                default ->
                    project.path(kind)
                            .forEach(resource -> names.add(resource.path("name").asString()));
            }
        }));
        assertThat(floatingIps).as("the completed order's one public IP").hasSize(1);
        assertThat(names)
                .as("every resource named for the completed order's saga")
                .isNotEmpty()
                .allSatisfy(name -> assertThat(name).startsWith("pi-" + outcome.completedSaga()));
        String prefix = "pi-" + outcome.completedSaga() + "-";
        assertThat(names.stream().filter(name -> name.startsWith(prefix + "server")))
                .hasSize(2);
        assertThat(names.stream().filter(name -> name.startsWith(prefix + "data-volume")))
                .hasSize(2);
        assertThat(names).doesNotHaveDuplicates();
        // the csv's resource ids are ids the cloud holds
        assertThat(ofOrder.stream().map(cells -> cells[10]).filter(id -> !id.isEmpty()))
                .allSatisfy(id -> assertThat(outcome.inventoryBeforeMigration()).contains(id));
    }
}
