package fr.picloud.portal.services;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;

/**
 * order-service's live feed of one order (server-sent events), opened with the user's access token.
 * Its own HTTP client: a feed is read for as long as the page is open, with a heartbeat every 15 s,
 * where the other calls give up after {@code read-timeout}.
 */
@Component
public class OrderFeedClient {

    private final ServicesProperties services;
    private final HttpClient http;

    OrderFeedClient(ServicesProperties services) {
        this.services = services;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(services.connectTimeout())
                .build();
    }

    /**
     * Opens the feed; returns once order-service answered. A refusal (another tenant's order: 404, too many
     * feeds open: 429) is a {@link ServiceProblem}, a service that does not answer a {@link ResourceAccessException}.
     */
    public InputStream open(UUID orderId, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(services.orders() + "/api/v1/orders/" + orderId + "/events"))
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "text/event-stream")
                .timeout(services.readTimeout())
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ResourceAccessException("order-service's live feed did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceAccessException("interrupted while opening order-service's live feed");
        }
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the status says enough
            }
            throw new ServiceProblem(response.statusCode(), null);
        }
        return response.body();
    }
}
