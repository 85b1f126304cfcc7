package fr.picloud.provisioning.cloud.adapter.openstack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code picloud.openstack.*}: how the platform service account reaches OpenStack and how the adapter
 * behaves. Every field is optional; the defaults are named constants here and documented in
 * application.yml. Login settings left blank fall back to {@code OS_CLOUD} (clouds.yaml), then the
 * {@code OS_*} variables, then the local stack's emulator (see {@link OpenStackCredentials#resolve}).
 * The password and the application credential secret never appear in {@link #toString()}.
 *
 * @param cloud the clouds.yaml entry to use (overrides {@code OS_CLOUD})
 * @param authUrl Keystone v3 URL
 * @param projectName the service account's own project (its token does the admin calls)
 * @param applicationCredentialId with {@code applicationCredentialSecret}: log in with an application
 *     credential instead of a password; it is bound to one project, so per-tenant projects need a
 *     password account
 * @param tenants where tenant projects live and which role the service account takes in them
 * @param externalNetwork the external network of router gateways and floating IPs
 * @param images template image names (debian-12...) to Glance image names
 * @param http connect and read timeouts of every call
 * @param tokenRenewBefore a cached token is renewed when it expires within this margin
 */
@ConfigurationProperties("picloud.openstack")
public record OpenStackProperties(
        String cloud,
        String authUrl,
        String username,
        String password,
        String projectName,
        String projectId,
        String userDomainName,
        String projectDomainName,
        String region,
        String applicationCredentialId,
        String applicationCredentialSecret,
        Tenants tenants,
        String externalNetwork,
        Map<String, String> images,
        Http http,
        Duration tokenRenewBefore,
        Resilience resilience) {

    public static final String DEFAULT_EXTERNAL_NETWORK = "public";
    public static final Duration DEFAULT_TOKEN_RENEW_BEFORE = Duration.ofMinutes(10);

    /** The emulator's seeded images; an alias equal to a Glance image name needs no entry. */
    public static final Map<String, String> DEFAULT_IMAGES = Map.of(
            "debian-12", "debian-12-genericcloud-amd64",
            "ubuntu-24.04", "ubuntu-22.04-server-cloudimg-amd64",
            "rocky-9", "cirros-0.6.2-x86_64-disk");

    public OpenStackProperties {
        tenants = Objects.requireNonNullElseGet(tenants, () -> new Tenants(null, null, null));
        externalNetwork = blankToNull(externalNetwork) == null ? DEFAULT_EXTERNAL_NETWORK : externalNetwork;
        Map<String, String> merged = new LinkedHashMap<>(DEFAULT_IMAGES);
        if (images != null) {
            merged.putAll(images);
        }
        images = Map.copyOf(merged);
        http = Objects.requireNonNullElseGet(http, () -> new Http(null, null));
        tokenRenewBefore = Objects.requireNonNullElse(tokenRenewBefore, DEFAULT_TOKEN_RENEW_BEFORE);
        resilience = Objects.requireNonNullElseGet(resilience, () -> new Resilience(null, null, null));
    }

    /** Nothing set: every login setting comes from clouds.yaml, OS_* or the local default. */
    public static OpenStackProperties defaults() {
        return new OpenStackProperties(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Password login to an explicit Keystone, everything else by default (tests, emulator). */
    public static OpenStackProperties password(String authUrl, String username, String password, String projectName) {
        return defaults().withLogin(authUrl, username, password, projectName);
    }

    public OpenStackProperties withLogin(String newAuthUrl, String newUsername, String newPassword, String newProject) {
        return new OpenStackProperties(
                cloud,
                newAuthUrl,
                newUsername,
                newPassword,
                newProject,
                null,
                userDomainName,
                projectDomainName,
                region,
                null,
                null,
                tenants,
                externalNetwork,
                images,
                http,
                tokenRenewBefore,
                resilience);
    }

    public OpenStackProperties withResilience(Resilience newResilience) {
        return new OpenStackProperties(
                cloud,
                authUrl,
                username,
                password,
                projectName,
                projectId,
                userDomainName,
                projectDomainName,
                region,
                applicationCredentialId,
                applicationCredentialSecret,
                tenants,
                externalNetwork,
                images,
                http,
                tokenRenewBefore,
                newResilience);
    }

    public OpenStackProperties withTenants(Tenants newTenants) {
        return new OpenStackProperties(
                cloud,
                authUrl,
                username,
                password,
                projectName,
                projectId,
                userDomainName,
                projectDomainName,
                region,
                applicationCredentialId,
                applicationCredentialSecret,
                newTenants,
                externalNetwork,
                images,
                http,
                tokenRenewBefore,
                resilience);
    }

    @Override
    public String toString() {
        return "OpenStackProperties[cloud=" + cloud + ", authUrl=" + authUrl + ", username=" + username
                + ", password=" + (password == null ? null : "*****") + ", projectName=" + projectName
                + ", region=" + region + ", applicationCredentialId=" + applicationCredentialId
                + ", applicationCredentialSecret=" + (applicationCredentialSecret == null ? null : "*****")
                + ", tenants=" + tenants + ", externalNetwork=" + externalNetwork + ", images=" + images
                + ", http=" + http + ", tokenRenewBefore=" + tokenRenewBefore + ", resilience=" + resilience + "]";
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * Tenant projects.
     *
     * @param projectPrefix a tenant's project is {@code <prefix><tenant>}
     * @param domainId the Keystone domain they are created in
     * @param role the role the service account gets in each ({@code member} suffices to build in it;
     *     {@code admin} there would make Neutron list every project's resources)
     */
    public record Tenants(String projectPrefix, String domainId, String role) {
        public static final String DEFAULT_PREFIX = "picloud-";
        public static final String DEFAULT_DOMAIN_ID = "default";
        public static final String DEFAULT_ROLE = "member";

        public Tenants {
            projectPrefix = Objects.requireNonNullElse(projectPrefix, DEFAULT_PREFIX);
            domainId = blankToNull(domainId) == null ? DEFAULT_DOMAIN_ID : domainId;
            role = blankToNull(role) == null ? DEFAULT_ROLE : role;
        }
    }

    /** Timeouts of each HTTP call to OpenStack. */
    public record Http(Duration connectTimeout, Duration readTimeout) {
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

        public Http {
            connectTimeout = Objects.requireNonNullElse(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
            readTimeout = Objects.requireNonNullElse(readTimeout, DEFAULT_READ_TIMEOUT);
        }
    }

    /** Resilience4j settings, applied programmatically (one config for every call of the adapter). */
    public record Resilience(Retry retry, CircuitBreaker circuitBreaker, Bulkhead bulkhead) {
        public Resilience {
            retry = Objects.requireNonNullElseGet(retry, () -> new Retry(null, null, null, null, null));
            circuitBreaker = Objects.requireNonNullElseGet(
                    circuitBreaker, () -> new CircuitBreaker(null, null, null, null, null));
            bulkhead = Objects.requireNonNullElseGet(bulkhead, () -> new Bulkhead(null, null));
        }
    }

    /**
     * Retry of calls that may be repeated (reads, deletes, and creates that look for an earlier
     * attempt's resource first): exponential backoff with jitter.
     */
    public record Retry(
            Integer maxAttempts, Duration initialBackoff, Double multiplier, Double jitter, Duration maxBackoff) {
        public static final int DEFAULT_MAX_ATTEMPTS = 4;
        public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
        public static final double DEFAULT_MULTIPLIER = 2.0;
        public static final double DEFAULT_JITTER = 0.5;
        public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

        public Retry {
            maxAttempts = Objects.requireNonNullElse(maxAttempts, DEFAULT_MAX_ATTEMPTS);
            initialBackoff = Objects.requireNonNullElse(initialBackoff, DEFAULT_INITIAL_BACKOFF);
            multiplier = Objects.requireNonNullElse(multiplier, DEFAULT_MULTIPLIER);
            jitter = Objects.requireNonNullElse(jitter, DEFAULT_JITTER);
            maxBackoff = Objects.requireNonNullElse(maxBackoff, DEFAULT_MAX_BACKOFF);
        }
    }

    /** One circuit breaker per OpenStack service (identity, compute, network, volume, image). */
    public record CircuitBreaker(
            Float failureRateThreshold,
            Integer slidingWindowSize,
            Integer minimumNumberOfCalls,
            Duration waitInOpenState,
            Integer permittedCallsInHalfOpenState) {
        public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50;
        public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;
        public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 10;
        public static final Duration DEFAULT_WAIT_IN_OPEN_STATE = Duration.ofSeconds(30);
        public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE = 3;

        public CircuitBreaker {
            failureRateThreshold = Objects.requireNonNullElse(failureRateThreshold, DEFAULT_FAILURE_RATE_THRESHOLD);
            slidingWindowSize = Objects.requireNonNullElse(slidingWindowSize, DEFAULT_SLIDING_WINDOW_SIZE);
            minimumNumberOfCalls = Objects.requireNonNullElse(minimumNumberOfCalls, DEFAULT_MINIMUM_NUMBER_OF_CALLS);
            waitInOpenState = Objects.requireNonNullElse(waitInOpenState, DEFAULT_WAIT_IN_OPEN_STATE);
            permittedCallsInHalfOpenState = Objects.requireNonNullElse(
                    permittedCallsInHalfOpenState, DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE);
        }
    }

    /** One bulkhead per tenant project: at most this many calls in flight, waiting at most maxWait for a slot. */
    public record Bulkhead(Integer maxConcurrentCallsPerProject, Duration maxWait) {
        public static final int DEFAULT_MAX_CONCURRENT_CALLS_PER_PROJECT = 16;
        public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(500);

        public Bulkhead {
            maxConcurrentCallsPerProject =
                    Objects.requireNonNullElse(maxConcurrentCallsPerProject, DEFAULT_MAX_CONCURRENT_CALLS_PER_PROJECT);
            maxWait = Objects.requireNonNullElse(maxWait, DEFAULT_MAX_WAIT);
        }
    }
}
