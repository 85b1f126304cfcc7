package fr.picloud.provisioning.saga.application;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.contracts.offering.ResourceKind;
import fr.picloud.platform.messaging.EventPublisher;
import fr.picloud.platform.messaging.OutboundEvent;
import fr.picloud.platform.test.MutableClock;
import fr.picloud.provisioning.saga.SagaWorld;
import fr.picloud.provisioning.saga.application.SagaRepository.OperatorAction;
import fr.picloud.provisioning.saga.domain.ProjectQuota;
import fr.picloud.provisioning.saga.domain.Saga;
import fr.picloud.provisioning.saga.domain.SagaPlanner;
import fr.picloud.provisioning.saga.domain.SagaStatus;
import fr.picloud.provisioning.saga.domain.SagaStep;
import fr.picloud.provisioning.saga.domain.StepStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The saga engine against a cloud and a repository in memory, with a clock the test moves: no Kafka,
 * no database, no emulator, no waiting, so every case (every kind built and undone, a lost answer at
 * each step, a deadline, a compensation that fails, an operator's retry and forced compensation, a
 * decommission) runs in one JVM in seconds. The integration tests cover the same engine on
 * PostgreSQL, Kafka and the emulator.
 */
class SagaEngineTest {

    private static final SagaSettings SETTINGS = new SagaSettings(
            Duration.ofMinutes(30),
            Duration.ofMinutes(5),
            Map.of(),
            3,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofMillis(500),
            Duration.ofSeconds(10));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final InMemoryCloud cloud = new InMemoryCloud().buildingPolls(2);
    private final InMemorySagaRepository sagas = new InMemorySagaRepository();
    private final List<OutboundEvent> published = new CopyOnWriteArrayList<>();

    @Test
    void everyKindIsBuiltOnceAndTheSagaCompletes() {
        Saga saga = runToEnd(engine(SETTINGS), start());

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.steps()).allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.DONE));
        assertThat(kindsOf(saga))
                .containsExactlyInAnyOrderElementsOf(Stream.concat(Stream.of(ResourceKind.PROJECT), templateKinds())
                        .toList());
        assertThat(cloud.resources).hasSize(saga.steps().size() - 1);
        builtSteps(saga)
                .forEach(step -> assertThat(cloud.createsOf(step.name()))
                        .as("creates of %s", step.name())
                        .isEqualTo(1));
        assertThat(eventTypes()).contains("picloud.provisioning.completed");
    }

    static Stream<ResourceKind> templateKinds() {
        return Arrays.stream(ResourceKind.values()).filter(ResourceKind::inTemplates);
    }

    @ParameterizedTest
    @MethodSource("templateKinds")
    void anAnswerLostAfterTheCreateIsAdoptedWithoutATwin(ResourceKind kind) {
        cloud.loseAnswerOnce.add(kind.wireName());

        Saga saga = runToEnd(engine(SETTINGS), start());

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        builtSteps(saga)
                .forEach(step -> assertThat(cloud.createsOf(step.name()))
                        .as("creates of %s after a lost answer at the %s step", step.name(), kind)
                        .isEqualTo(1));
        assertThat(cloud.resources).hasSize(saga.steps().size() - 1);
    }

    @Test
    void aServerThatFailsUndoesEverythingBuiltInReverseOrder() {
        cloud.failsWhenReady.add("server");

        Saga saga = runToEnd(engine(SETTINGS), start());

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.failedStep()).isEqualTo("server-0");
        assertThat(cloud.resources).isEmpty();
        // never begun: nothing to delete, marked undone without a call to the cloud
        assertThat(cloud.createsOf("volume-attachment-0")).isZero();
        assertThat(cloud.createsOf("floating-ip")).isZero();
        assertThat(saga.steps()).allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.UNDONE));
        assertThat(cloud.deletions)
                .containsSubsequence("router-interface", "router")
                .containsSubsequence("router-interface", "subnet", "network")
                .contains("server-0", "data-volume-0", "security-group", "keypair");
        assertThat(eventTypes()).contains("picloud.provisioning.failed", "picloud.provisioning.compensated");
    }

    @Test
    void aSagaStillBuildingAtItsDeadlineCompensates() {
        cloud.neverReady.add("server");
        SagaSettings shortDeadline = new SagaSettings(
                Duration.ofMinutes(2),
                Duration.ofHours(1),
                Map.of(),
                3,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofMillis(500),
                Duration.ofSeconds(10));

        Saga saga = runToEnd(engine(shortDeadline), start(shortDeadline));

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.reason()).contains("deadline");
        assertThat(cloud.resources).isEmpty();
    }

    @Test
    void aCompensationThatKeepsFailingIsEscalatedAndAnOperatorsRetryFinishesIt() {
        cloud.failsWhenReady.add("server");
        cloud.deleteFails.add("volume");
        SagaEngine engine = engine(SETTINGS);

        Saga escalated = runToEnd(engine, start());

        assertThat(escalated.status()).isEqualTo(SagaStatus.COMPENSATION_FAILED);
        assertThat(escalated.undoFailures()).extracting(SagaStep::name).containsExactly("data-volume-0");
        assertThat(cloud.stepsHeld()).containsOnly("data-volume-0");

        cloud.deleteFails.clear();
        sagas.requestAction(escalated.id(), OperatorAction.RETRY, "ops", clock.instant());
        Saga retried = runToEnd(engine, escalated.id());

        assertThat(retried.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(cloud.resources).isEmpty();
        assertThat(sagas.audit(escalated.id()))
                .extracting(SagaRepository.AuditEntry::action)
                .containsExactly("RETRY");
    }

    @Test
    void anOperatorCanForceTheCompensationOfARunningSaga() {
        cloud.neverReady.add("server");
        SagaEngine engine = engine(SETTINGS);
        UUID id = start();
        Optional<Instant> next = engine.advance(id);
        assertThat(next).as("a saga waiting for its server asks to run again").isPresent();
        assertThat(sagas.find(id).orElseThrow().status()).isEqualTo(SagaStatus.RUNNING);

        sagas.requestAction(id, OperatorAction.COMPENSATE, "ops", clock.instant());
        Saga saga = runToEnd(engine, id);

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(cloud.resources).isEmpty();
    }

    @Test
    void aDecommissionDeletesWhatTheProvisioningBuilt() {
        SagaEngine engine = engine(SETTINGS);
        Saga built = runToEnd(engine, start());
        Saga decommission = Saga.decommission(
                UUID.randomUUID(), built, clock.instant(), clock.instant().plus(SETTINGS.deadline()));
        sagas.insert(decommission);

        Saga saga = runToEnd(engine, decommission.id());

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(cloud.resources).isEmpty();
        assertThat(cloud.deletions).hasSize(built.steps().size() - 1);
        assertThat(eventTypes()).contains("picloud.provisioning.decommission-completed");
    }

    // ---- fixtures ----

    private UUID start() {
        return start(SETTINGS);
    }

    private UUID start(SagaSettings settings) {
        Instant now = clock.instant();
        Saga saga = Saga.provision(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "police",
                UUID.randomUUID(),
                new ProjectQuota(8, 16, 100, 4, 2),
                SagaPlanner.plan(SagaWorld.vmStack(1, true)),
                now,
                now.plus(settings.deadline()));
        sagas.insert(saga);
        return saga.id();
    }

    private SagaEngine engine(SagaSettings settings) {
        EventPublisher publisher = new EventPublisher(
                event -> published.add((OutboundEvent) event),
                JsonMapper.builder().build(),
                clock,
                "provisioning-service",
                new SimpleMeterRegistry());
        return new SagaEngine(
                sagas,
                cloud,
                new SagaEvents(publisher),
                new TransactionTemplate(new NoTransactions()),
                clock,
                settings,
                new SagaMetrics(new SimpleMeterRegistry(), sagas, clock));
    }

    /** Runs the saga as the scheduler would, moving the clock to each time it asks to be run again. */
    private Saga runToEnd(SagaEngine engine, UUID id) {
        for (int run = 0; run < 2_000; run++) {
            Optional<Instant> next = engine.advance(id);
            if (next.isEmpty()) {
                return sagas.find(id).orElseThrow();
            }
            // the scheduler runs it again at the time it asked for, or at once when that is past
            clock.set(
                    next.get().isAfter(clock.instant())
                            ? next.get()
                            : clock.instant().plusMillis(1));
        }
        throw new AssertionError("saga " + id + " did not end in 2,000 runs: " + sagas.find(id));
    }

    private static List<SagaStep> builtSteps(Saga saga) {
        return saga.steps().stream()
                .filter(step -> !step.kind().equals(ResourceKind.PROJECT.wireName()))
                .toList();
    }

    private static List<ResourceKind> kindsOf(Saga saga) {
        return saga.steps().stream()
                .map(step -> ResourceKind.ofWireName(step.kind()).orElseThrow())
                .toList();
    }

    private List<String> eventTypes() {
        return published.stream().map(event -> event.envelope().type()).toList();
    }

    /** The engine's transactions, in a test without a database: each one simply runs. */
    private static final class NoTransactions extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {}

        @Override
        protected void doCommit(DefaultTransactionStatus status) {}

        @Override
        protected void doRollback(DefaultTransactionStatus status) {}
    }
}
