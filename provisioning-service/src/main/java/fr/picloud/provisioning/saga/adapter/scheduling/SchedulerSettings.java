package fr.picloud.provisioning.saga.adapter.scheduling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The saga scheduler ({@code picloud.provisioning.scheduler.*}, db-scheduler underneath).
 *
 * @param threads sagas run at the same time on this instance (each run is short: waits are scheduled)
 * @param pollingInterval how often the table is checked for due runs
 * @param heartbeatInterval how often a running saga's row says it is alive; after missedHeartbeats
 *     missed ones another instance takes the saga over
 */
@ConfigurationProperties("picloud.provisioning.scheduler")
public record SchedulerSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("16") int threads,
        @DefaultValue("PT0.2S") Duration pollingInterval,
        @DefaultValue("PT1S") Duration heartbeatInterval,
        @DefaultValue("4") int missedHeartbeats,
        @DefaultValue("PT30S") Duration reconcileInterval) {}
