package fr.picloud.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.picloud.localstack.LocalComponent.Stage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LocalStackTest {

    final List<String> events = new CopyOnWriteArrayList<>();
    final PrintStream out = new PrintStream(new ByteArrayOutputStream());

    @Test
    void services_start_once_the_infrastructure_is_up_and_stop_before_the_issuer_kafka_and_postgresql() {
        LocalStack stack = new LocalStack(
                List.of(
                        component("postgresql", Stage.INFRASTRUCTURE),
                        component("kafka", Stage.INFRASTRUCTURE),
                        component("token-issuer", Stage.INFRASTRUCTURE),
                        component("catalog-service", Stage.SERVICES),
                        component("order-service", Stage.SERVICES)),
                out);

        stack.up();
        List<String> starts = List.copyOf(events);
        events.clear();
        stack.stop();

        assertThat(starts.subList(0, 3))
                .containsExactlyInAnyOrder("start postgresql", "start kafka", "start token-issuer");
        assertThat(starts.subList(3, 5)).containsExactlyInAnyOrder("start catalog-service", "start order-service");
        assertThat(events.subList(0, 2)).containsExactlyInAnyOrder("stop catalog-service", "stop order-service");
        assertThat(events.subList(2, 5)).containsExactly("stop token-issuer", "stop kafka", "stop postgresql");
    }

    @Test
    void a_component_that_fails_to_start_is_named_and_what_started_is_stopped() {
        LocalStack stack = new LocalStack(
                List.of(
                        component("postgresql", Stage.INFRASTRUCTURE),
                        failing("kafka", "port 9092 refused"),
                        component("catalog-service", Stage.SERVICES)),
                out);

        assertThatThrownBy(stack::up)
                .isInstanceOf(LocalStack.StackFailure.class)
                .hasMessageContaining("kafka: port 9092 refused");
        stack.stop();
        stack.stop();

        assertThat(events).doesNotContain("start catalog-service", "stop catalog-service");
        assertThat(events).containsOnlyOnce("stop postgresql");
    }

    @Test
    void a_port_in_use_stops_up_before_anything_starts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalComponent kafka = new Recording("kafka", Stage.INFRASTRUCTURE, null, List.of(taken.getLocalPort()));
            LocalStack stack = new LocalStack(List.of(kafka), out);

            assertThatThrownBy(stack::up).hasMessageContaining("port " + taken.getLocalPort() + " (kafka)");
            assertThat(events).isEmpty();
        }
    }

    private LocalComponent component(String name, Stage stage) {
        return new Recording(name, stage, null, List.of());
    }

    private LocalComponent failing(String name, String failure) {
        return new Recording(name, Stage.INFRASTRUCTURE, failure, List.of());
    }

    private final class Recording implements LocalComponent {
        private final String name;
        private final Stage stage;
        private final String failure;
        private final List<Integer> ports;
        private boolean started;

        Recording(String name, Stage stage, String failure, List<Integer> ports) {
            this.name = name;
            this.stage = stage;
            this.failure = failure;
            this.ports = ports;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Stage stage() {
            return stage;
        }

        @Override
        public void start() {
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            started = true;
            events.add("start " + name);
        }

        @Override
        public void stop() {
            if (started) {
                events.add("stop " + name);
            }
        }

        @Override
        public boolean isUp() {
            return started;
        }

        @Override
        public List<Integer> ports() {
            return ports;
        }

        @Override
        public List<Endpoint> endpoints() {
            return List.of();
        }
    }
}
