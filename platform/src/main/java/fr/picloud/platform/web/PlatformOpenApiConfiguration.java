package fr.picloud.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.Objects;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Every service's OpenAPI document as {@link PlatformOpenApi} describes it. */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class PlatformOpenApiConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI platformOpenApi(
            @Value("${spring.application.name}") String serviceName,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri) {
        String version = Objects.requireNonNullElse(
                PlatformOpenApi.class.getPackage().getImplementationVersion(), "development");
        return PlatformOpenApi.document(serviceName, version, issuerUri);
    }

    @Bean
    OperationCustomizer platformOperations() {
        return PlatformOpenApi.operations();
    }
}
