package fr.picloud.provisioning.cloud.adapter.openstack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.core.transport.Config;
import org.openstack4j.core.transport.ObjectMapperSingleton;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;
import org.openstack4j.openstack.identity.v3.domain.KeystoneToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The only way the adapter talks to OpenStack. openstack4j keeps "the current client" in a
 * thread-local, and two clients on one thread silently share the last one's credentials; so no
 * client object is ever kept or handed out: each call names its project, and {@link #inProject}
 * binds that project's token to the calling thread immediately before running the call on it.
 * A call for tenant A can therefore never run with tenant B's token, whatever ran before on the
 * thread (platform or virtual).
 *
 * <p>Around each attempt: the project's bulkhead (one tenant's storm cannot take every connection),
 * the service's circuit breaker, and the retry (exponential backoff with jitter) for calls that may be
 * repeated. Tokens are cached per project and renewed before they expire.
 */
final class OpenStackGateway {

    private static final Logger LOG = LoggerFactory.getLogger(OpenStackGateway.class);
    private static final String PLATFORM = "platform";

    /** Whether the call may simply be sent again after a failure. */
    enum Repeat {
        /** Reads, deletes, idempotent updates. */
        SAFE,
        /** Creates: sent once; {@link #retrying} repeats them after looking for what the last attempt made. */
        ONCE
    }

    private final OpenStackCredentials credentials;
    private final Config config;
    private final Duration renewBefore;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> loginLocks = new ConcurrentHashMap<>();
    private final Retry retry;
    private final Map<OpenStackService, CircuitBreaker> breakers = new EnumMap<>(OpenStackService.class);
    private final BulkheadRegistry bulkheads;
    private final MeterRegistry meters;
    private final ThreadLocal<Boolean> insideRetry = ThreadLocal.withInitial(() -> false);
    private final HttpClient http;

    OpenStackGateway(
            OpenStackCredentials credentials, OpenStackProperties properties, MeterRegistry meters, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
        this.meters = meters;
        this.renewBefore = properties.tokenRenewBefore();
        this.config = Config.newConfig()
                .withConnectionTimeout((int) properties.http().connectTimeout().toMillis())
                .withReadTimeout((int) properties.http().readTimeout().toMillis());
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.http().connectTimeout())
                .build();

        OpenStackProperties.Retry retrySettings = properties.resilience().retry();
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(retrySettings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        retrySettings.initialBackoff(),
                        retrySettings.multiplier(),
                        retrySettings.jitter(),
                        retrySettings.maxBackoff()))
                .retryOnException(e -> e instanceof OpenStackFailure failure && failure.retryNow())
                .build());
        this.retry = retries.retry("openstack");

        OpenStackProperties.CircuitBreaker breakerSettings =
                properties.resilience().circuitBreaker();
        CircuitBreakerRegistry breakerRegistry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breakerSettings.slidingWindowSize())
                .minimumNumberOfCalls(breakerSettings.minimumNumberOfCalls())
                .failureRateThreshold(breakerSettings.failureRateThreshold())
                .waitDurationInOpenState(breakerSettings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(breakerSettings.permittedCallsInHalfOpenState())
                .recordException(e -> e instanceof OpenStackFailure failure && failure.serviceUnwell())
                .build());
        for (OpenStackService service : OpenStackService.values()) {
            breakers.put(service, breakerRegistry.circuitBreaker("openstack-" + service.type()));
        }

        OpenStackProperties.Bulkhead bulkheadSettings = properties.resilience().bulkhead();
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(bulkheadSettings.maxConcurrentCallsPerProject())
                .maxWaitDuration(bulkheadSettings.maxWait())
                .build());

        if (meters != null) {
            TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakerRegistry)
                    .bindTo(meters);
            TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        }
    }

    /** The state of a service's circuit breaker (CLOSED, OPEN, HALF_OPEN...). */
    CircuitBreaker.State circuitState(OpenStackService service) {
        return breakers.get(service).getState();
    }

    /** The id of the service account's own project (where the platform's admin calls run). */
    String platformProjectId() {
        return token(PLATFORM).getProject().getId();
    }

    String platformUserId() {
        return token(PLATFORM).getUser().getId();
    }

    /** Runs a call in the tenant project {@code projectId}, with a token scoped to that project. */
    <T> T inProject(
            String projectId, OpenStackService service, String call, Repeat repeat, Function<OSClientV3, T> action) {
        if (projectId == null || projectId.isBlank()) {
            throw new OpenStackFailure(false, false, 0, "no project given for OpenStack call '" + call + "'", null);
        }
        return run(projectId, service, call, repeat, action, false);
    }

    /** Same as {@link #inProject} with a 409 meaning "still changing state, try again". */
    <T> T inProjectWhileBusy(
            String projectId, OpenStackService service, String call, Repeat repeat, Function<OSClientV3, T> action) {
        return run(projectId, service, call, repeat, action, true);
    }

    /** Runs an administrative call (projects, role grants, quotas) with the service account's own token. */
    <T> T asPlatform(OpenStackService service, String call, Repeat repeat, Function<OSClientV3, T> action) {
        return run(PLATFORM, service, call, repeat, action, false);
    }

    /**
     * Repeats a composite operation (typically: look for what an earlier attempt created, create it if
     * absent) with the retry policy; the calls inside are not retried on their own.
     */
    <T> T retrying(Supplier<T> operation) {
        if (insideRetry.get()) {
            return operation.get();
        }
        insideRetry.set(true);
        try {
            return retry.executeSupplier(operation);
        } finally {
            insideRetry.set(false);
        }
    }

    private <T> T run(
            String projectKey,
            OpenStackService service,
            String call,
            Repeat repeat,
            Function<OSClientV3, T> action,
            boolean conflictMeansBusy) {
        Supplier<T> attempt = () -> attempt(projectKey, service, call, action, conflictMeansBusy);
        if (repeat == Repeat.SAFE) {
            return retrying(attempt);
        }
        return attempt.get();
    }

    private <T> T attempt(
            String projectKey,
            OpenStackService service,
            String call,
            Function<OSClientV3, T> action,
            boolean conflictMeansBusy) {
        Bulkhead bulkhead = bulkheads.bulkhead("project-" + projectKey);
        CircuitBreaker breaker = breakers.get(service);
        long started = System.nanoTime();
        String outcome = "success";
        try {
            return bulkhead.executeSupplier(() -> {
                Token token = breakers.get(OpenStackService.IDENTITY).executeSupplier(() -> token(projectKey));
                return breaker.executeSupplier(() -> {
                    try {
                        return action.apply(bind(token));
                    } catch (RuntimeException e) {
                        OpenStackFailure failure = OpenStackFailure.of(service, call, e, conflictMeansBusy);
                        if (failure.status() == 401) {
                            // revoked or expired early: log in again on the next attempt
                            tokens.remove(projectKey, token);
                        }
                        throw failure;
                    }
                });
            });
        } catch (BulkheadFullException e) {
            outcome = "bulkhead-full";
            throw OpenStackFailure.refusedLocally(
                    "too many OpenStack calls in flight for " + describe(projectKey) + ": try again later", e);
        } catch (CallNotPermittedException e) {
            outcome = "circuit-open";
            throw OpenStackFailure.refusedLocally(
                    "OpenStack call '" + call + "' not sent, try again later: " + e.getMessage(), e);
        } catch (OpenStackFailure e) {
            outcome = e.status() == 0 ? "no-answer" : Integer.toString(e.status());
            throw e;
        } finally {
            if (meters != null) {
                Timer.builder("picloud.openstack.calls")
                        .description("Calls to OpenStack by service, call and outcome")
                        .tag("service", service.type())
                        .tag("call", call)
                        .tag("outcome", outcome)
                        .register(meters)
                        .record(Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    private static String describe(String projectKey) {
        return PLATFORM.equals(projectKey) ? "the platform account" : "project " + projectKey;
    }

    /** A client for this token, bound to the calling thread; used at once and never kept. */
    private OSClientV3 bind(Token token) {
        OSClientV3 client = OSFactory.clientFromToken(token, config);
        return credentials.region() == null ? client : client.useRegion(credentials.region());
    }

    private Token token(String projectKey) {
        Token token = tokens.get(projectKey);
        if (fresh(token)) {
            return token;
        }
        ReentrantLock lock = loginLocks.computeIfAbsent(projectKey, key -> new ReentrantLock());
        lock.lock();
        try {
            token = tokens.get(projectKey);
            if (!fresh(token)) {
                token = login(projectKey);
                tokens.put(projectKey, token);
            }
            return token;
        } finally {
            lock.unlock();
        }
    }

    private boolean fresh(Token token) {
        return token != null
                && token.getExpires() != null
                && token.getExpires().toInstant().isAfter(Instant.now(clock).plus(renewBefore));
    }

    private Token login(String projectKey) {
        try {
            if (credentials.usesApplicationCredential()) {
                Token token = applicationCredentialLogin();
                if (!PLATFORM.equals(projectKey)
                        && !projectKey.equals(token.getProject().getId())) {
                    throw new OpenStackFailure(
                            false,
                            false,
                            0,
                            "cannot work in project " + projectKey + ": the application credential "
                                    + credentials.applicationCredentialId() + " is bound to project "
                                    + token.getProject().getId()
                                    + "; per-tenant projects need a password account (picloud.openstack.username/password)",
                            null);
                }
                return token;
            }
            var builder = OSFactory.builderV3()
                    .endpoint(credentials.authUrl())
                    .withConfig(config)
                    .credentials(
                            credentials.username(),
                            credentials.password(),
                            Identifier.byName(credentials.userDomainName()));
            if (!PLATFORM.equals(projectKey)) {
                builder = builder.scopeToProject(Identifier.byId(projectKey));
            } else if (credentials.projectId() != null) {
                builder = builder.scopeToProject(Identifier.byId(credentials.projectId()));
            } else {
                builder = builder.scopeToProject(
                        Identifier.byName(credentials.projectName()),
                        Identifier.byName(credentials.projectDomainName()));
            }
            Token token = builder.authenticate().getToken();
            LOG.debug("logged in to {} as {}", describe(projectKey), credentials.username());
            return token;
        } catch (OpenStackFailure e) {
            throw e;
        } catch (RuntimeException e) {
            OpenStackFailure failure = OpenStackFailure.of(OpenStackService.IDENTITY, "log in", e, false);
            if (failure.status() == 401 || failure.status() == 403) {
                throw new OpenStackFailure(
                        false,
                        false,
                        failure.status(),
                        "the service account could not log in to " + describe(projectKey) + " (" + credentials + "): "
                                + failure.getMessage(),
                        e);
            }
            throw failure;
        }
    }

    /** openstack4j 3.12 has no application-credential login: one POST to Keystone, read as its token. */
    private Token applicationCredentialLogin() {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        ObjectNode identity = body.putObject("auth").putObject("identity");
        identity.putArray("methods").add("application_credential");
        identity.putObject("application_credential")
                .put("id", credentials.applicationCredentialId())
                .put("secret", credentials.applicationCredentialSecret());
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(credentials.authUrl().replaceAll("/+$", "") + "/auth/tokens"))
                .timeout(Duration.ofMillis(config.getReadTimeout()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OpenStackFailure(
                    true, true, 0, "OpenStack identity call 'log in' failed: no answer (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenStackFailure(true, false, 0, "interrupted while logging in to OpenStack", e);
        }
        if (response.statusCode() != 201) {
            throw OpenStackFailure.ofStatus(
                    OpenStackService.IDENTITY,
                    "log in with application credential",
                    response.statusCode(),
                    response.body(),
                    false,
                    null);
        }
        try {
            KeystoneToken token = ObjectMapperSingleton.getContext(KeystoneToken.class)
                    .reader(DeserializationFeature.UNWRAP_ROOT_VALUE)
                    .forType(KeystoneToken.class)
                    .readValue(response.body());
            token.setId(response.headers().firstValue("X-Subject-Token").orElseThrow());
            token.setEndpoint(credentials.authUrl());
            return token;
        } catch (IOException | RuntimeException e) {
            throw new OpenStackFailure(
                    false, false, 201, "OpenStack identity answered an unreadable token: " + e.getMessage(), e);
        }
    }
}
