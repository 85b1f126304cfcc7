package fr.picloud.provisioning.saga.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.contracts.offering.ResourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StepCatalogueTest {

    @Test
    void everyResourceKindHasOneStepAndTheProjectComesFirst() {
        assertThat(StepCatalogue.steps())
                .extracting(StepCatalogue.Step::kind)
                .containsExactlyInAnyOrder(ResourceKind.values())
                .first()
                .isEqualTo(ResourceKind.PROJECT);
        assertThat(StepCatalogue.steps())
                .allSatisfy(step -> assertThat(step.action()).isNotBlank())
                .allSatisfy(step -> assertThat(step.compensation()).isNotBlank());
    }

    @Test
    void theDocumentShowsTheCatalogueAsTheCodeHasIt() throws IOException {
        // surefire runs in the module's directory; the doc is the repository's
        String doc = Files.readString(Path.of("..", "docs", "provisioning.md"));
        assertThat(doc)
                .as("docs/provisioning.md must hold StepCatalogue.markdownTable(): paste it there")
                .contains(StepCatalogue.markdownTable());
    }

    @Test
    void aStepOfEachKindIsPlannedFromATemplateWithThatKind() {
        for (ResourceKind kind : ResourceKind.values()) {
            assertThat(StepCatalogue.of(kind).kind()).isEqualTo(kind);
        }
    }
}
