package fr.picloud.platform.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body a service takes.
 *
 * @param maxSize the limit of every endpoint but the imports
 * @param importMaxSize the limit of the import endpoints, which read their body as a stream
 * @param importPaths the import endpoints (path patterns such as {@code /api/v1/offerings/import})
 */
@ConfigurationProperties("picloud.web.request-body")
public record RequestBodyLimitProperties(
        @DefaultValue("1MB") DataSize maxSize,
        @DefaultValue("256MB") DataSize importMaxSize,
        @DefaultValue List<String> importPaths) {}
