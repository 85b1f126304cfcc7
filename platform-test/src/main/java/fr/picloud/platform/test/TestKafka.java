package fr.picloud.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.util.FileSystemUtils;

/**
 * A real Kafka broker (KRaft, combined broker and controller, in-process) for the test JVM, which a
 * test can stop and start again to prove that nothing is lost while the broker is away.
 *
 * <p>Its log directories are its own, under the module's {@code target/}, and removed only once the
 * broker has stopped: Kafka's test kit otherwise puts them in a temporary directory that its own JVM
 * shutdown hook deletes while the broker still serves the Spring contexts that are closing
 * ("Shutdown broker because all log dirs ... have failed").
 */
public final class TestKafka {

    private static final Logger log = LoggerFactory.getLogger(TestKafka.class);
    private static final int PARTITIONS_PER_TOPIC = 3;

    private static TestKafka instance;

    private final KafkaClusterTestKit cluster;
    private final Path directory;

    private TestKafka(KafkaClusterTestKit cluster, Path directory) {
        this.cluster = cluster;
        this.directory = directory;
    }

    public static synchronized TestKafka get() {
        if (instance == null) {
            instance = start();
            // after the Spring contexts have closed: a broker gone first makes their consumers wait out a timeout
            SpringApplication.getShutdownHandlers().add(instance::destroy);
        }
        return instance;
    }

    private static TestKafka start() {
        // a broker that meets a fatal error must not end the test JVM
        Exit.setExitProcedure((code, message) -> log.warn("Kafka asked to exit({}): {}", code, message));
        Exit.setHaltProcedure((code, message) -> log.warn("Kafka asked to halt({}): {}", code, message));
        Path directory = ownDirectory();
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(directory)
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("delete.topic.enable", "true")
                    .setConfigProp("num.partitions", String.valueOf(PARTITIONS_PER_TOPIC))
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("log.cleaner.backoff.ms", "1000")
                    .setDeleteOnClose(false)
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new TestKafka(cluster, directory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the test Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the test Kafka broker did not start in " + directory, e);
        }
    }

    /** A fresh directory of this broker's own, under the module's build directory when there is one. */
    private static Path ownDirectory() {
        try {
            Path target = Path.of("target");
            Path parent = Files.isDirectory(target)
                    ? target.resolve("test-kafka")
                    : Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent.toAbsolutePath(), "broker-");
        } catch (IOException e) {
            throw new UncheckedIOException("no directory for the test Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Stops the broker (the KRaft controller stays up); clients see it as unreachable. */
    public void stopBroker() {
        brokerServer().shutdown();
        brokerServer().awaitShutdown();
    }

    /** Starts the broker again on the same port with the same log directories. */
    public void startBroker() {
        brokerServer().startup();
        try {
            cluster.waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker did not come back", e);
        }
    }

    private BrokerServer brokerServer() {
        return cluster.brokers().values().iterator().next();
    }

    /** Stops the broker and its controller, then removes their directories. */
    private void destroy() {
        try {
            cluster.close();
        } catch (Exception e) {
            log.warn("the test Kafka broker did not stop cleanly", e);
        }
        try {
            FileSystemUtils.deleteRecursively(directory);
        } catch (IOException e) {
            log.warn("could not remove the test Kafka broker's directory {}", directory, e);
        }
    }
}
