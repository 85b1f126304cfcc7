package fr.picloud.portal.orders;

import fr.picloud.portal.services.OrderFeedClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * An order's live feed for its page: order-service's server-sent events of the order (each transition,
 * each step of its sagas), relayed as they come with the user's own token. The page (htmx's SSE
 * extension) fetches its moving part again at each event; the feed carries no more than the user
 * could read with that token. Another tenant's order is the 404 page, as for the order's page.
 */
@Controller
class OrderLiveController {

    private final OrderFeedClient feeds;

    OrderLiveController(OrderFeedClient feeds) {
        this.feeds = feeds;
    }

    @GetMapping(path = "/orders/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<StreamingResponseBody> live(
            @PathVariable UUID id, @RegisteredOAuth2AuthorizedClient("picloud") OAuth2AuthorizedClient client) {
        // opened here, on the request's thread, so that a refusal is an ordinary error page
        InputStream feed = feeds.open(id, client.getAccessToken().getTokenValue());
        StreamingResponseBody relay = out -> relay(feed, out);
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header("Cache-Control", "no-store")
                .header("X-Accel-Buffering", "no")
                .body(relay);
    }

    /** Copies the feed as it comes, each read flushed, until either side ends it. */
    private static void relay(InputStream feed, OutputStream out) throws IOException {
        try (feed) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = feed.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }
    }
}
