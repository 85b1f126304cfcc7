package fr.picloud.provisioning.saga.adapter.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import fr.picloud.provisioning.saga.application.SagaEngine;
import fr.picloud.provisioning.saga.application.SagaRepository;
import fr.picloud.provisioning.saga.application.SagaScheduling;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;

/**
 * Sagas on db-scheduler: one task instance per saga ({@code saga}/{@code <saga id>}) holding the
 * time of its next run. A run is picked by one instance, heartbeats while it runs, and is revived on
 * another instance when the heartbeats stop (kill -9). The table is reached through a
 * transaction-aware proxy, so scheduling a new saga commits with the saga itself.
 */
@Component
class DbSchedulerSagaScheduling implements SagaScheduling, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DbSchedulerSagaScheduling.class);
    static final String TASK = "saga";

    private final CustomTask<Void> sagaTask;
    private final Scheduler scheduler;
    private final SchedulerSettings settings;
    private volatile boolean running;

    DbSchedulerSagaScheduling(
            DataSource dataSource, SagaEngine engine, SagaRepository sagas, SchedulerSettings settings) {
        this.settings = settings;
        this.sagaTask = Tasks.custom(TASK, Void.class)
                .onDeadExecutionRevive()
                // an unexpected exception out of a run: try the saga again a little later
                .onFailure((complete, operations) ->
                        operations.reschedule(complete, Instant.now().plus(Duration.ofSeconds(5))))
                .execute((instance, context) -> {
                    Optional<Instant> next = engine.advance(UUID.fromString(instance.getId()));
                    return (complete, operations) ->
                            next.ifPresentOrElse(at -> operations.reschedule(complete, at), operations::remove);
                });
        RecurringTask<Void> reconcile = Tasks.recurring("saga-reconcile", FixedDelay.of(settings.reconcileInterval()))
                .execute((instance, context) -> sagas.unscheduledActiveSagas().forEach(sagaId -> {
                    log.warn("saga {} had no scheduled run: scheduling it", sagaId);
                    this.scheduler().scheduleIfNotExists(sagaTask.instance(sagaId.toString()), Instant.now());
                }));
        this.scheduler = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), sagaTask)
                .startTasks(reconcile)
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .pollUsingLockAndFetch(0.5, 1.0)
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .enableImmediateExecution()
                .schedulerName(new SchedulerName.Fixed(instanceName()))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    private Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void scheduleNew(UUID sagaId) {
        scheduler.schedule(sagaTask.instance(sagaId.toString()), Instant.now());
    }

    @Override
    public boolean runSoon(UUID sagaId) {
        TaskInstanceId id = TaskInstanceId.of(TASK, sagaId.toString());
        if (scheduler.getScheduledExecution(id).isPresent()) {
            try {
                return scheduler.reschedule(id, Instant.now());
            } catch (RuntimeException e) {
                // it is running right now: the run will see the request when it reads the saga next
                return false;
            }
        }
        return scheduler.scheduleIfNotExists(sagaTask.instance(sagaId.toString()), Instant.now());
    }

    @Override
    public void start() {
        if (settings.enabled()) {
            scheduler.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        if (settings.enabled()) {
            scheduler.stop();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
