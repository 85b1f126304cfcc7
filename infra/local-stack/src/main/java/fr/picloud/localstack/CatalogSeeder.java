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
 * {@code picloud seed-catalog [FILE]}: loads a provider feed (JSON lines, or CSV when the file ends
 * in .csv) into the running catalog-service as {@code catalog-admin}, through the same import API a
 * provider uses. Loading the same feed twice changes nothing.
 */
final class CatalogSeeder {

    static final Path DEMO_CATALOG = Path.of("catalog-service/src/main/resources/seed/demo-catalog.jsonl");
    private static final URI IMPORT = URI.create("http://localhost:8081/api/v1/offerings/import");

    private CatalogSeeder() {}

    /** Sends the feed and returns the catalogue's report (counts and row errors, as JSON). */
    static HttpResponse<String> seed(Path feed) throws IOException, InterruptedException {
        if (!Files.isReadable(feed)) {
            throw new IOException("no readable feed at " + feed);
        }
        String token = new IssuerClient(LocalStack.standardIssuer()).mint("catalog-admin");
        HttpRequest request = HttpRequest.newBuilder(IMPORT)
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", feed.toString().endsWith(".csv") ? "text/csv" : "application/jsonl")
                .POST(HttpRequest.BodyPublishers.ofFile(feed))
                .build();
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
