package fr.picloud.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses a request body larger than the endpoint takes (413 problem detail) before anything parses
 * it, so a huge body costs neither memory nor a database call. A declared length is checked as it is
 * (Tomcat never reads past it). A body sent without one (chunked) is read up to the limit first and
 * refused if it goes past it, whether or not the endpoint would read it; on the import endpoints,
 * whose higher limit is too much to hold, it is counted as the endpoint reads it instead and fails the
 * read that crosses the limit, so an import streamed line by line stays streamed.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;
    private final long importMaxBytes;
    private final List<PathPattern> importPaths;

    public RequestBodyLimit(RequestBodyLimitProperties properties) {
        this.maxBytes = properties.maxSize().toBytes();
        this.importMaxBytes = properties.importMaxSize().toBytes();
        this.importPaths = properties.importPaths().stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean isImport = isImport(request);
        long limit = isImport ? importMaxBytes : maxBytes;
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, limit);
            return;
        }
        if (request.getContentLengthLong() >= 0 || request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!isImport) {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                refuse(request, response, limit);
                return;
            }
            chain.doFilter(new LimitedBody(request, new ByteArrayInputStream(body), limit), response);
            return;
        }
        LimitedBody limited = new LimitedBody(request, request.getInputStream(), limit);
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!limited.exceeded() || response.isCommitted()) {
                throw e;
            }
        }
        // whatever a layer made of the failed read (an unreadable body, an import error), the cause was the size
        if (limited.exceeded() && !response.isCommitted() && response.getStatus() != 413) {
            response.reset();
            refuse(request, response, limit);
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long limit)
            throws IOException {
        // the rest of the body is not read: the client learns to stop sending it
        response.setHeader("Connection", "close");
        Problems.write(request, response, tooLarge(limit));
    }

    static ProblemDetail tooLarge(long limit) {
        return Problems.of(
                HttpStatus.CONTENT_TOO_LARGE,
                "body-too-large",
                "Request body too large",
                "The request body is larger than " + limit + " bytes, the limit of this endpoint.");
    }

    private boolean isImport(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        return importPaths.stream().anyMatch(pattern -> pattern.matches(path));
    }

    /** A request whose body (as received, or already read up to the limit) fails the read that goes past the limit. */
    private static final class LimitedBody extends HttpServletRequestWrapper {

        private final InputStream source;
        private final long limit;
        private long read;
        private boolean exceeded;
        private ServletInputStream stream;

        LimitedBody(HttpServletRequest request, InputStream source, long limit) {
            super(request);
            this.source = source;
            this.limit = limit;
        }

        boolean exceeded() {
            return exceeded;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                stream = new Counted(source);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        private void count(int bytes) throws RequestBodyTooLargeException {
            if (bytes > 0) {
                read += bytes;
            }
            if (read > limit) {
                exceeded = true;
                throw new RequestBodyTooLargeException(limit);
            }
        }

        private final class Counted extends ServletInputStream {

            private final InputStream body;

            Counted(InputStream body) {
                this.body = body;
            }

            @Override
            public int read() throws IOException {
                int next = body.read();
                count(next < 0 ? 0 : 1);
                return next;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = body.read(buffer, offset, length);
                count(n);
                return n;
            }

            @Override
            public boolean isFinished() {
                try {
                    return body instanceof ServletInputStream servlet ? servlet.isFinished() : body.available() == 0;
                } catch (IOException e) {
                    return true;
                }
            }

            @Override
            public boolean isReady() {
                return !(body instanceof ServletInputStream servlet) || servlet.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                if (!(body instanceof ServletInputStream servlet)) {
                    throw new UnsupportedOperationException("the body is already read");
                }
                servlet.setReadListener(listener);
            }
        }
    }
}
