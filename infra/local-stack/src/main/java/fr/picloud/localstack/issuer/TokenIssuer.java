package fr.picloud.localstack.issuer;

import fr.picloud.localstack.LocalComponent;
import fr.picloud.localstack.StackHome;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs {@link TokenIssuerApplication} in the stack's JVM on {@code http://localhost:<port>}, with its
 * key under {@code .picloud/issuer/} and the demo password from the environment or
 * {@code .picloud/demo-password}.
 */
public final class TokenIssuer implements LocalComponent {

    private final int port;
    private final StackHome home;
    private final Map<String, String> environment;
    private ConfigurableApplicationContext context;

    public TokenIssuer(int port, StackHome home, Map<String, String> environment) {
        this.port = port;
        this.home = home;
        this.environment = environment;
    }

    @Override
    public String name() {
        return "token-issuer";
    }

    @Override
    public Stage stage() {
        return Stage.INFRASTRUCTURE;
    }

    public URI issuerUri() {
        return URI.create("http://localhost:" + port);
    }

    @Override
    public void start() {
        context = new SpringApplicationBuilder(TokenIssuerApplication.class)
                .registerShutdownHook(false)
                .run(
                        "--spring.config.name=issuer",
                        "--server.port=" + port,
                        "--picloud.issuer.state-directory=" + home.issuerState(),
                        "--picloud.issuer.demo-password-file=" + home.demoPasswordFile());
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Override
    public boolean isUp() {
        return new IssuerClient(issuerUri()).isUp();
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("issuer", issuerUri().toString()),
                new Endpoint(
                        "discovery",
                        issuerUri().resolve("/.well-known/openid-configuration").toString()),
                new Endpoint("accounts", String.join(", ", DemoAccount.names())),
                new Endpoint(
                        "password",
                        DemoPassword.whereToFind(
                                environment.get(DemoPassword.VARIABLE), home.display(home.demoPasswordFile()))),
                new Endpoint("token", "./picloud token <account>"));
    }
}
