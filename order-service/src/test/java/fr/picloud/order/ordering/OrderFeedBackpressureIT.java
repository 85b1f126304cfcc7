package fr.picloud.order.ordering;

import static fr.picloud.order.OrderWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.order.OrderServiceIT;
import fr.picloud.order.OrderWorld;
import fr.picloud.platform.test.Latencies;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A portal that stops reading its feed must not hold up the orders of anyone else: the transitions
 * committed while it does not read wait in its own bounded queue, and when that is full the feed is
 * dropped, while every placement returns. The server's socket buffer is made small and its write
 * timeout long (ten minutes), so that a transition written on the committing thread, as it was
 * before, holds that thread well past the await below.
 */
@OrderServiceIT
@TestPropertySource(
        properties = {
            "picloud.orders.feeds.queue-capacity=" + OrderFeedBackpressureIT.QUEUE_CAPACITY,
            "server.tomcat.connection-timeout=10m"
        })
class OrderFeedBackpressureIT {

    static final int QUEUE_CAPACITY = 16;
    static final int ORDERS = 200;
    static final int WARM_UP = 20;

    @TestConfiguration
    static class SmallSocketBuffers {

        /** Kernel autotuning would otherwise let megabytes wait in the socket for a client that does not read. */
        @Bean
        TomcatConnectorCustomizer smallSendBuffer() {
            return connector -> connector.setProperty("socket.txBufSize", "4096");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    OrderWorld world;
    final ExecutorService placing = Executors.newSingleThreadExecutor();

    @BeforeEach
    void world() {
        world = new OrderWorld(port, jdbc);
    }

    @AfterEach
    void close() {
        placing.shutdownNow();
        world.close();
    }

    @Test
    void a_client_that_never_reads_its_feed_is_dropped_and_blocks_no_placement() throws Exception {
        UUID offering = world.offering("PUBLISHED");
        String tenant = world.tenant(ORDERS + WARM_UP, "100000", "1000000");
        String agent = agent("agent-" + tenant, tenant);
        Latencies.Summary unwatched = placeAll(agent, offering, WARM_UP);
        double droppedBefore = dropped();

        try (Socket stalled = stalledFeed(agent)) {
            Future<Latencies.Summary> placements = placing.submit(() -> placeAll(agent, offering, ORDERS));

            Latencies.Summary watched = await(
                            "the " + ORDERS + " placements to return while a feed client reads nothing")
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> placements.isDone() ? placements.get() : null, done -> done != null);
            assertThat(watched.count()).isEqualTo(ORDERS);
            assertThat(dropped())
                    .as("the feed that fell %d transitions behind was dropped", QUEUE_CAPACITY)
                    .isEqualTo(droppedBefore + 1);
            System.out.printf(
                    "placement latency (ms) without a feed: %s%nwith a feed that never reads: %s%n",
                    unwatched, watched);
        }
    }

    /** Opens the tenant's feed on a socket with a small receive buffer, reads its first bytes, then nothing. */
    private Socket stalledFeed(String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("localhost", port));
        socket.getOutputStream()
                .write(("GET /api/v1/orders/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                                + "Authorization: Bearer " + token + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().contains("event:subscribed")) {
            int read = in.read();
            assertThat(read).as("the feed opened: " + head).isNotNegative();
            head.append((char) read);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return socket;
    }

    private Latencies.Summary placeAll(String agent, UUID offering, int count) {
        Latencies latencies = new Latencies(count);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            world.placed(agent, offering, "CC-1");
            latencies.record(System.nanoTime() - start);
        }
        return latencies.summary();
    }

    private double dropped() {
        var counter = meters.find("picloud.orders.feeds.dropped").counter();
        return counter == null ? 0 : counter.count();
    }
}
