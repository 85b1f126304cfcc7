package fr.picloud.portal.web;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A service's server-sent events relayed to the browser as they come, line by line, each event flushed
 * when it ends; {@code lines} may rewrite a line (an event's name). Ends when either side does.
 */
public final class EventStreamRelay {

    private EventStreamRelay() {}

    public static ResponseEntity<StreamingResponseBody> relay(InputStream stream, UnaryOperator<String> lines) {
        StreamingResponseBody body = out -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    writer.write(lines.apply(line));
                    writer.write('\n');
                    if (line.isEmpty() || line.startsWith(":")) {
                        writer.flush();
                    }
                }
                writer.flush();
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header("Cache-Control", "no-store")
                .header("X-Accel-Buffering", "no")
                .body(body);
    }
}
