package fr.picloud.catalog.offering.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.catalog.offering.application.FeedRow;
import fr.picloud.platform.domain.InvalidInputException.Violation;
import jakarta.validation.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FeedReaderTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static FeedReader reader() {
        return new FeedReader(JSON, Validation.buildDefaultValidatorFactory().getValidator());
    }

    /** The seed's reference VM stack as one JSON line under another code. */
    static String offeringLine(String code) {
        try (InputStream in = FeedReaderTest.class.getResourceAsStream("/seed/vm-stack.json")) {
            var body = (tools.jackson.databind.node.ObjectNode)
                    JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            body.put("code", code);
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_line_longer_than_the_bound_is_a_rejected_row_and_the_next_lines_are_read() {
        String good = offeringLine("after-the-long-line");
        GeneratedFeed feed = new GeneratedFeed(
                number -> number == 1 ? offeringLine("before") : good, 3, 2, FeedReader.MAX_LINE_CHARS + 10L);
        List<FeedRow> rows = new ArrayList<>();

        reader().rows(FeedReader.JSON_LINES, feed).accept(rows::add);

        assertThat(rows).extracting(FeedRow::number).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(1).unreadable())
                .extracting(Violation::message)
                .containsExactly("a line longer than " + FeedReader.MAX_LINE_CHARS + " characters");
        assertThat(rows.get(0).unreadable()).isEmpty();
        assertThat(rows.get(2).code()).isEqualTo("after-the-long-line");
        assertThat(rows.get(2).unreadable()).isEmpty();
    }
}
