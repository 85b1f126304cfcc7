package fr.picloud.localstack;

import fr.picloud.localstack.issuer.IssuerClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code picloud seed-portfolio [FILE]}: loads an application inventory into the running
 * migration-service as {@code migration-lead}: the generated 420-application sample portfolio by
 * default, or FILE (CSV when it ends in .csv, otherwise a JSON array). Loading it twice changes nothing.
 */
final class PortfolioSeeder {

    private static final String MIGRATION = "http://localhost:8085/api/v1/inventory";

    private PortfolioSeeder() {}

    /** Sends the inventory (or asks for the sample) and returns the service's report, as JSON. */
    static HttpResponse<String> seed(Path inventory) throws IOException, InterruptedException {
        HttpRequest.Builder request;
        if (inventory == null) {
            request = HttpRequest.newBuilder(URI.create(MIGRATION + "/sample?size=420&seed=2026"))
                    .POST(HttpRequest.BodyPublishers.noBody());
        } else {
            if (!Files.isReadable(inventory)) {
                throw new IOException("no readable inventory at " + inventory);
            }
            request = HttpRequest.newBuilder(URI.create(MIGRATION))
                    .header("Content-Type", inventory.toString().endsWith(".csv") ? "text/csv" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(inventory));
        }
        String token = new IssuerClient(LocalStack.standardIssuer()).mint("migration-lead");
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(
                        request.timeout(Duration.ofMinutes(5))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
