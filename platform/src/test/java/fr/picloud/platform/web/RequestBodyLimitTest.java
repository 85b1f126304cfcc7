package fr.picloud.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

class RequestBodyLimitTest {

    private final RequestBodyLimit limit = new RequestBodyLimit(new RequestBodyLimitProperties(
            DataSize.ofKilobytes(1), DataSize.ofKilobytes(8), List.of("/api/v1/offerings/import")));

    @Test
    void a_declared_length_above_the_limit_is_a_413_problem_and_reaches_no_endpoint() throws Exception {
        MockHttpServletRequest request = post("/api/v1/offerings", 2048);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        limit.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("body-too-large", "1024 bytes");
        assertThat(chain.getRequest()).as("the endpoint was not called").isNull();
    }

    @Test
    void an_import_endpoint_takes_more_up_to_its_own_limit() throws Exception {
        MockHttpServletResponse within = new MockHttpServletResponse();
        MockHttpServletResponse beyond = new MockHttpServletResponse();

        limit.doFilter(post("/api/v1/offerings/import", 4096), within, new MockFilterChain());
        limit.doFilter(post("/api/v1/offerings/import", 9000), beyond, new MockFilterChain());

        assertThat(within.getStatus()).isEqualTo(200);
        assertThat(beyond.getStatus()).isEqualTo(413);
    }

    @Test
    void a_chunked_body_above_the_limit_is_refused_before_the_endpoint_is_called() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        limit.doFilter(chunked("/api/v1/offerings", 5000), response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(chain.getRequest()).as("the endpoint was not called").isNull();
    }

    @Test
    void a_chunked_import_fails_the_read_that_crosses_the_import_limit_and_answers_413() throws Exception {
        MockHttpServletRequest request = chunked("/api/v1/offerings/import", 9000);
        MockHttpServletResponse response = new MockHttpServletResponse();
        // an endpoint that reads its body as a stream and turns the failure into an error of its own
        MockFilterChain chain = new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                try {
                    req.getInputStream().readAllBytes();
                } catch (IOException e) {
                    resp.setStatus(400);
                    resp.getWriter().write("unreadable");
                }
            }
        });

        limit.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("body-too-large").doesNotContain("unreadable");
    }

    @Test
    void a_chunked_body_within_the_limit_is_read_as_sent() throws Exception {
        MockHttpServletRequest request = chunked("/api/v1/offerings", 1000);
        byte[][] received = new byte[1][];
        MockFilterChain chain = new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                received[0] = req.getInputStream().readAllBytes();
            }
        });

        limit.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(received[0]).hasSize(1000);
    }

    private static MockHttpServletRequest post(String path, int bytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContent(new byte[bytes]);
        return request;
    }

    /** A body without a declared length, as a client streaming it sends it. */
    private static MockHttpServletRequest chunked(String path, int bytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path) {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.setContent(new byte[bytes]);
        request.addHeader("Transfer-Encoding", "chunked");
        return request;
    }
}
