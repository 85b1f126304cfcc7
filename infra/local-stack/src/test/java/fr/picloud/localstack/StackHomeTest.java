package fr.picloud.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackHomeTest {

    @TempDir
    Path root;

    @Test
    void forgetting_the_state_deletes_databases_topics_cloud_and_keys_together_and_keeps_the_logs() throws Exception {
        StackHome home = new StackHome(root);
        for (Path dir : new Path[] {home.postgresData(), home.kafkaData(), home.openstackState(), home.issuerState()}) {
            Files.createDirectories(dir.resolve("nested"));
            Files.writeString(dir.resolve("nested").resolve("data"), "x");
        }
        Files.writeString(home.demoPasswordFile(), "secret");
        Files.createDirectories(home.logs());
        Files.writeString(home.log("order-service"), "a line");

        home.forgetState();

        try (var left = Files.list(home.state())) {
            assertThat(left).containsExactly(home.logs());
        }
        assertThat(home.log("order-service")).hasContent("a line");
    }

    @Test
    void forgetting_a_state_that_was_never_made_does_nothing() throws Exception {
        new StackHome(root).forgetState();
        assertThat(root.resolve(".picloud")).doesNotExist();
    }
}
