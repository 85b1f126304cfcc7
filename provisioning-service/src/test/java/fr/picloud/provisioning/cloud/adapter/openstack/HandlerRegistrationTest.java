package fr.picloud.provisioning.cloud.adapter.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.provisioning.saga.domain.CloudResource;
import fr.picloud.provisioning.saga.domain.ResourceSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandlerRegistrationTest {

    @Test
    void aCatalogueStepWithoutAHandlerStopsTheAdapterFromStarting() {
        List<ResourceHandler> allButServers = handlersFor(Arrays.stream(ResourceKind.values())
                .filter(kind -> kind != ResourceKind.PROJECT && kind != ResourceKind.SERVER)
                .toList());

        assertThatThrownBy(() -> OpenStack4jCloud.register(allButServers))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no handler for the saga step server");
    }

    @Test
    void twoHandlersForOneKindAreRefused() {
        List<ResourceHandler> twice = handlersFor(List.of(ResourceKind.NETWORK, ResourceKind.NETWORK));

        assertThatThrownBy(() -> OpenStack4jCloud.register(twice))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two handlers for resource kind network");
    }

    @Test
    void everyKindOfTheCatalogueButTheProjectGetsItsHandler() {
        List<ResourceKind> kinds = Arrays.stream(ResourceKind.values())
                .filter(kind -> kind != ResourceKind.PROJECT)
                .toList();

        assertThat(OpenStack4jCloud.register(handlersFor(kinds))).containsOnlyKeys(kinds);
    }

    private static List<ResourceHandler> handlersFor(List<ResourceKind> kinds) {
        return kinds.stream().map(HandlerRegistrationTest::handler).toList();
    }

    private static ResourceHandler handler(ResourceKind kind) {
        return new ResourceHandler() {
            @Override
            public ResourceKind kind() {
                return kind;
            }

            @Override
            public Optional<CloudResource> find(String projectId, ResourceSpec spec) {
                return Optional.empty();
            }

            @Override
            public CloudResource create(String projectId, ResourceSpec spec) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean delete(String projectId, CloudResource resource) {
                return true;
            }
        };
    }
}
