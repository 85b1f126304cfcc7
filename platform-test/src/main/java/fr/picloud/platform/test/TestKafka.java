package fr.picloud.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import kafka.server.BrokerServer;
import org.springframework.boot.SpringApplication;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft, in-process) for the test JVM, on a fixed port so a test can stop it
 * and start it again to prove that nothing is lost while the broker is away.
 */
public final class TestKafka {

    private static TestKafka instance;

    private final EmbeddedKafkaKraftBroker broker;

    private TestKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    public static synchronized TestKafka get() {
        if (instance == null) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
            broker.kafkaPorts(freePort());
            broker.brokerProperty("auto.create.topics.enable", "true");
            broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
            broker.brokerProperty("log.cleaner.backoff.ms", "1000");
            broker.afterPropertiesSet();
            instance = new TestKafka(broker);
            // after the Spring contexts have closed: a broker gone first makes their consumers wait out a timeout
            SpringApplication.getShutdownHandlers().add(broker::destroy);
        }
        return instance;
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    public EmbeddedKafkaKraftBroker broker() {
        return broker;
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
            broker.getCluster().waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker did not come back", e);
        }
    }

    private BrokerServer brokerServer() {
        return broker.getCluster().brokers().values().iterator().next();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
