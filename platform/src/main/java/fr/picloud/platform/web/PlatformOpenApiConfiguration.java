package fr.picloud.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every service's OpenAPI document as {@link PlatformOpenApi} describes it. A service names where a
 * client reaches it under {@code picloud.openapi.servers} (environment: URL), a deployment adds its own.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class PlatformOpenApiConfiguration {

    /** Written by Maven's resource filtering, so a document names the same version from a jar or from classes. */
    private static final String VERSION_FILE = "META-INF/picloud/platform.properties";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI platformOpenApi(
            @Value("${spring.application.name}") String serviceName,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri,
            Environment environment) {
        Map<String, String> servers = Binder.get(environment)
                .bind("picloud.openapi.servers", Bindable.mapOf(String.class, String.class))
                .map(LinkedHashMap::new)
                .orElseGet(LinkedHashMap::new);
        return PlatformOpenApi.document(serviceName, version(), issuerUri, servers);
    }

    @Bean
    OperationCustomizer platformOperations() {
        return PlatformOpenApi.operations();
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in =
                PlatformOpenApiConfiguration.class.getClassLoader().getResourceAsStream(VERSION_FILE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + VERSION_FILE, e);
        }
        return properties.getProperty("version", "development");
    }
}
