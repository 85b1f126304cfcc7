package fr.picloud.localstack.kafka;

import fr.picloud.localstack.LocalComponent;
import fr.picloud.localstack.Sockets;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one node), with its log
 * directory formatted on first start and kept across restarts.
 *
 * <p>It runs inside the local stack's JVM rather than as a child JVM: on two cores one JVM fewer to
 * start and warm up saves seconds on every {@code picloud up}, Kafka's classes are on this jar's class
 * path already, and its lifecycle is the stack's anyway (stopped by the same shutdown hook, after the
 * services). The price, acceptable for a development tool: a broker crash takes the stack down with it.
 */
public final class KafkaBroker implements LocalComponent {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    public KafkaBroker(Path dataDirectory, int port, int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Stage stage() {
        return Stage.INFRASTRUCTURE;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(dataDirectory);
        if (!Files.exists(dataDirectory.resolve("meta.properties"))) {
            format();
        }
        KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(configuration(), false), Time.SYSTEM);
        server = starting;
        // returns once the broker has caught up with the metadata log and is unfenced: ready for clients
        starting.startup();
    }

    private void format() throws Exception {
        String clusterId = Uuid.randomUuid().toString();
        log.info("formatting Kafka storage in {} for cluster {}", dataDirectory, clusterId);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(clusterId)
                .setDirectories(Set.of(dataDirectory.toString()))
                .setMetadataLogDirectory(dataDirectory.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    private Properties configuration() {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        config.put(
                "listeners",
                "PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("log.dirs", dataDirectory.toString());
        config.put("auto.create.topics.enable", "true");
        config.put("num.partitions", "3");
        // one broker: every internal topic has one replica, and fewer partitions than a cluster's
        // defaults keep the first consumer group's start quick
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public boolean isUp() {
        return Sockets.isListening("localhost", port);
    }

    @Override
    public List<Integer> ports() {
        return List.of(port, controllerPort);
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("bootstrap", bootstrapServers()));
    }
}
