package fr.picloud.localstack.issuer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The local token issuer: Spring Authorization Server with the demo accounts, configured by
 * {@code issuer.yml}. A development tool, started by {@link TokenIssuer}: never deploy it.
 */
@SpringBootApplication
@EnableConfigurationProperties(IssuerProperties.class)
public class TokenIssuerApplication {}
