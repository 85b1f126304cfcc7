package fr.picloud.openstack.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.picloud.openstack.emulator.compute.Nova;
import fr.picloud.openstack.emulator.control.ControlApi;
import fr.picloud.openstack.emulator.fault.Faults;
import fr.picloud.openstack.emulator.http.ApiError;
import fr.picloud.openstack.emulator.http.ApiRequest;
import fr.picloud.openstack.emulator.http.ApiResponse;
import fr.picloud.openstack.emulator.http.Json;
import fr.picloud.openstack.emulator.http.ResponseLost;
import fr.picloud.openstack.emulator.identity.Keystone;
import fr.picloud.openstack.emulator.identity.Keystone.CatalogEntry;
import fr.picloud.openstack.emulator.image.Glance;
import fr.picloud.openstack.emulator.network.Neutron;
import fr.picloud.openstack.emulator.state.CloudState;
import fr.picloud.openstack.emulator.volume.Cinder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wire-compatible OpenStack in one process: Keystone at /v3, Nova at /compute/v2.1, Neutron at
 * /network/v2.0, Cinder at /volume/v3/{project}, Glance at /image/v2, the control API at /_emulator.
 *
 * <p>Start it in-process with {@link #start(int)} (tests) or run {@link #main} (local stack). Every
 * call runs on its own virtual thread; the cloud's state changes under one lock, which keeps the
 * services consistent with each other (a server's ports, a volume's attachments) at no cost worth
 * measuring, since no call does I/O while holding it.
 */
public final class OpenStackEmulator implements AutoCloseable {

    private final EmulatorSettings settings;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Faults faults = new Faults();
    private final ReentrantLock cloudLock = new ReentrantLock();
    private final CloudState state;
    private final boolean restored;
    private final List<EmulatedService> services;
    private final ControlApi control;
    private final AtomicLong requestCounter = new AtomicLong();
    private final long requestIdPrefix = UUID.randomUUID().getMostSignificantBits();

    private OpenStackEmulator(EmulatorSettings settings) throws IOException {
        this.settings = settings;
        Clock clock = Clock.systemUTC();
        this.state =
                settings.stateDirectory() == null ? CloudState.inMemory() : CloudState.in(settings.stateDirectory());
        Keystone keystone = new Keystone(
                clock,
                settings.region(),
                settings.adminPassword(),
                settings.demoPassword(),
                List.of(
                        new CatalogEntry("identity", "keystone", "/v3"),
                        new CatalogEntry("compute", "nova", "/compute/v2.1"),
                        new CatalogEntry("network", "neutron", "/network"),
                        new CatalogEntry("volumev3", "cinderv3", "/volume/v3/%(project_id)s"),
                        new CatalogEntry("block-storage", "cinder", "/volume/v3/%(project_id)s"),
                        new CatalogEntry("image", "glance", "/image")),
                state);
        Glance glance = new Glance(keystone);
        Neutron neutron = new Neutron(clock, keystone, faults, state);
        Cinder cinder = new Cinder(clock, settings.volumeCreateTime(), keystone, faults, state);
        Nova nova = new Nova(clock, settings.serverBuildTime(), keystone, neutron, cinder, glance, faults, state);
        // Nova first: resetting it releases ports and volumes the other services then forget
        this.services = List.of(nova, neutron, cinder, glance, keystone);
        this.control = new ControlApi(faults, services);
        this.restored = state.open();
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts an emulator on this port of 127.0.0.1 (0: any free port), with the test timings. */
    public static OpenStackEmulator start(int port) {
        return start(EmulatorSettings.forTests().withPort(port));
    }

    public static OpenStackEmulator start(EmulatorSettings settings) {
        try {
            return new OpenStackEmulator(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Base URL, e.g. http://127.0.0.1:5050. */
    public URI url() {
        return URI.create(
                settings.publicUrl() != null
                        ? settings.publicUrl()
                        : "http://" + server.getAddress().getHostString() + ":" + port());
    }

    /** What clients use as auth_url (Keystone v3). */
    public String authUrl() {
        return url() + "/v3";
    }

    /** Where the cloud's state lives, as a line for a log or a terminal. */
    public String stateDescription() {
        if (!state.isDurable()) {
            return "state in memory only";
        }
        return (restored ? "state restored from " : "new state in ") + state.directory();
    }

    public EmulatorSettings settings() {
        return settings;
    }

    /** Whether this emulator found the cloud a previous one left in its state directory. */
    public boolean restored() {
        return restored;
    }

    /** Empties the cloud (resources, quotas, faults) back to what is seeded at start. */
    public void reset() {
        withCloudLock(() -> {
            control.reset();
            return null;
        });
    }

    @Override
    public void close() {
        faults.clear();
        server.stop(0);
        executor.shutdownNow();
        withCloudLock(() -> {
            state.close();
            return null;
        });
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            ApiRequest request = read(exchange);
            ApiResponse response;
            try {
                response = respond(request);
            } catch (ApiError error) {
                response = error.response();
            }
            write(exchange, request, response);
        } catch (IOException e) {
            // the client went away (timeout, closed connection): nothing left to answer
        }
    }

    private ApiResponse respond(ApiRequest request) {
        String path = request.path();
        if (path.equals(control.prefix()) || path.startsWith(control.prefix() + "/")) {
            return withCloudLock(() ->
                    control.handle(request, path.substring(control.prefix().length())));
        }
        EmulatedService service = services.stream()
                .filter(s -> !s.prefix().isEmpty())
                .filter(s -> path.equals(s.prefix()) || path.startsWith(s.prefix() + "/"))
                .findFirst()
                .orElse(services.get(services.size() - 1));
        String relativePath = path.substring(service.prefix().length());
        try {
            injectFaults(service);
            ResponseLost[] lost = new ResponseLost[1];
            ApiResponse response = withCloudLock(() -> {
                try {
                    return service.handle(request, relativePath);
                } catch (ResponseLost e) {
                    lost[0] = e;
                    return null;
                }
            });
            if (lost[0] != null) {
                // outside the lock: the change is committed, only the answer goes missing
                if (lost[0].hangs()) {
                    faults.hang();
                    throw service.errors().serverError(503, "The call hung and was released.");
                }
                throw lost[0].error();
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw service.errors().serverError(503, "The emulator is stopping.");
        } catch (ApiError e) {
            throw e;
        } catch (RuntimeException e) {
            System.err.println("emulator: unexpected error on " + request.method() + " " + path + ": " + e);
            throw service.errors().serverError(500, "Unexpected error in the emulator: " + e);
        }
    }

    private void injectFaults(EmulatedService service) throws InterruptedException {
        Faults.Verdict verdict = faults.verdictFor(service.type());
        if (!verdict.latency().isZero()) {
            Thread.sleep(verdict.latency());
        }
        if (verdict.hang()) {
            faults.hang();
            throw service.errors().serverError(503, "The call hung and was released.");
        }
        if (verdict.fails()) {
            throw service.errors().serverError(verdict.errorStatus(), "Injected by the emulator's fault plan.");
        }
    }

    /**
     * Runs a call under the cloud lock; what it changed is journaled before the lock is released and
     * on disk before the call returns (the fsync waits outside the lock, shared by the calls behind it).
     */
    private <T> T withCloudLock(java.util.function.Supplier<T> action) {
        long position = 0;
        cloudLock.lock();
        try {
            try {
                return action.get();
            } finally {
                position = state.commit();
            }
        } finally {
            cloudLock.unlock();
            state.awaitDurable(position);
        }
    }

    private ApiRequest read(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(), values.getFirst());
            }
        });
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String baseUrl = settings.publicUrl() != null
                ? settings.publicUrl()
                : "http://" + headers.getOrDefault("host", settings.host() + ":" + port());
        URI uri = exchange.getRequestURI();
        return ApiRequest.of(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body, baseUrl);
    }

    private void write(HttpExchange exchange, ApiRequest request, ApiResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        headers.set("X-Openstack-Request-Id", "req-" + new UUID(requestIdPrefix, requestCounter.incrementAndGet()));
        byte[] body = null;
        if (response.json() != null) {
            headers.set("Content-Type", "application/json");
            body = Json.MAPPER.writeValueAsBytes(response.json());
        } else if (response.text() != null) {
            headers.set("Content-Type", "text/plain; charset=UTF-8");
            body = response.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        boolean noBody = body == null || request.method().equals("HEAD") || response.status() == 204;
        if (noBody) {
            if (body != null && request.method().equals("HEAD")) {
                headers.set("Content-Length", Integer.toString(body.length));
            }
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Runs the emulator until the process is stopped. Port: first argument, else PICLOUD_EMULATOR_PORT,
     * else 5050; other settings from PICLOUD_EMULATOR_* variables (docs/openstack-emulator.md).
     */
    public static void main(String[] args) throws InterruptedException {
        EmulatorSettings settings = EmulatorSettings.fromEnvironment(System.getenv(), args);
        long started = System.nanoTime();
        OpenStackEmulator emulator = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
        System.out.printf(
                "OpenStack emulator listening on %s (auth_url %s, admin/%s, demo/%s) in %d ms; %s%n",
                emulator.url(),
                emulator.authUrl(),
                "*".repeat(settings.adminPassword().length()),
                "*".repeat(settings.demoPassword().length()),
                (System.nanoTime() - started) / 1_000_000,
                emulator.stateDescription());
        Thread.currentThread().join();
    }
}
