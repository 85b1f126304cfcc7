package fr.picloud.provisioning.saga.application;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How patient sagas are ({@code picloud.provisioning.saga.*}).
 *
 * @param deadline a saga not over after this long compensates (and shows as stuck until it ends)
 * @param stepTimeLimit how long one step may take from its first attempt to ready, by default
 * @param stepTimeLimits per kind, overriding the default (a server builds for minutes)
 * @param maxAttempts failed attempts of one step's action (or of one undo) before it fails for good
 * @param retryBackoff the first wait after a failed attempt; it doubles, with jitter, up to maxBackoff
 * @param pollMin the first wait for a resource still building; it grows with the wait up to pollMax
 */
@ConfigurationProperties("picloud.provisioning.saga")
public record SagaSettings(
        @DefaultValue("PT30M") Duration deadline,
        @DefaultValue("PT5M") Duration stepTimeLimit,
        @DefaultValue Map<String, Duration> stepTimeLimits,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("PT1S") Duration retryBackoff,
        @DefaultValue("PT30S") Duration maxBackoff,
        @DefaultValue("PT0.5S") Duration pollMin,
        @DefaultValue("PT10S") Duration pollMax) {

    public Duration timeLimitOf(String kind) {
        return stepTimeLimits == null ? stepTimeLimit : stepTimeLimits.getOrDefault(kind, stepTimeLimit);
    }
}
