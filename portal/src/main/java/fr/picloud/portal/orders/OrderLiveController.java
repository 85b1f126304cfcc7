package fr.picloud.portal.orders;

import fr.picloud.portal.services.EventStreams;
import fr.picloud.portal.web.EventStreamRelay;
import java.io.InputStream;
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

    private final EventStreams streams;

    OrderLiveController(EventStreams streams) {
        this.streams = streams;
    }

    @GetMapping(path = "/orders/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<StreamingResponseBody> live(
            @PathVariable UUID id, @RegisteredOAuth2AuthorizedClient("picloud") OAuth2AuthorizedClient client) {
        // opened here, on the request's thread, so that a refusal is an ordinary error page
        InputStream feed = streams.orderFeed(id, client.getAccessToken().getTokenValue());
        return EventStreamRelay.relay(feed, line -> line);
    }
}
