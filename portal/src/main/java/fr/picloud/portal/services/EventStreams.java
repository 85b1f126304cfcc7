package fr.picloud.portal.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The services' server-sent event streams the portal's pages follow (an order's live feed in
 * order-service, the platform's events in ops-service), opened with the user's access token. Its own
 * HTTP client: a stream is read for as long as the page is open, with a heartbeat every 15 s, where the
 * other calls give up after {@code read-timeout}.
 */
@Component
public class EventStreams {

    private final ServicesProperties services;
    private final HttpClient http;

    EventStreams(ServicesProperties services) {
        this.services = services;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(services.connectTimeout())
                .build();
    }

    /** order-service's live feed of one order: {@code transition} and {@code progress} events. */
    public InputStream orderFeed(UUID orderId, String accessToken) {
        return open(URI.create(services.orders() + "/api/v1/orders/" + orderId + "/events"), accessToken);
    }

    /** ops-service's platform events stored from now on that match the filters, each named by its type. */
    public InputStream platformEvents(String type, String tenant, String orderId, String accessToken) {
        URI uri = UriComponentsBuilder.fromUri(services.ops())
                .path("/api/v1/ops/events/stream")
                .queryParamIfPresent("type", blankless(type))
                .queryParamIfPresent("tenant", blankless(tenant))
                .queryParamIfPresent("orderId", blankless(orderId))
                .encode()
                .build()
                .toUri();
        return open(uri, accessToken);
    }

    /**
     * Opens a stream; returns once the service answered. A refusal (another tenant's order: 404, too many
     * feeds open: 429) is a {@link ServiceProblem}, a service that does not answer a {@link ResourceAccessException}.
     */
    private InputStream open(URI uri, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "text/event-stream")
                .timeout(services.readTimeout())
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ResourceAccessException(
                    "the event stream " + uri.getPath() + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceAccessException("interrupted while opening the event stream " + uri.getPath());
        }
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                body.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the status says enough
            }
            throw new ServiceProblem(response.statusCode(), null);
        }
        return response.body();
    }

    private static Optional<String> blankless(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
