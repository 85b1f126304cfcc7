package fr.picloud.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@PiCloudIntegrationTest
class FeedImportIT {

    private static final String ADMIN = TestTokens.token("catalog-admin", "dsic", "catalog-admin");

    @LocalServerPort
    int port;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void a_json_lines_feed_keeps_good_rows_reports_bad_ones_and_is_idempotent() {
        ObjectNode negativePrice = OfferingMother.vmStack("feed-negative");
        ((ObjectNode) negativePrice.path("rates")).put("VCPU_HOUR", -0.5);
        String feed = String.join(
                "\n",
                OfferingMother.json(OfferingMother.vmStack("feed-a")),
                OfferingMother.json(OfferingMother.vmStack("feed-b")),
                OfferingMother.json(negativePrice),
                "{\"code\": \"feed-broken\", ",
                OfferingMother.json(OfferingMother.vmStack("feed-c")));

        JsonNode first = importFeed("application/jsonl", feed);
        assertThat(first.path("created").asLong()).isEqualTo(3);
        assertThat(first.path("rejected").asLong()).isEqualTo(2);
        assertThat(first.path("errors").findValuesAsString("field")).contains("rates.VCPU_HOUR");
        assertThat(first.path("errors").findValues("row"))
                .extracting(JsonNode::asLong)
                .contains(3L, 4L);
        assertThat(api.get("/api/v1/offerings?status=DRAFT&q=feed-negative", ADMIN)
                        .json()
                        .path("total")
                        .asLong())
                .as("a rejected row leaves nothing behind")
                .isZero();
        double eventsAfterFirst = outboxEvents();

        JsonNode second = importFeed("application/jsonl", feed);
        assertThat(second.path("created").asLong()).isZero();
        assertThat(second.path("updated").asLong()).isZero();
        assertThat(second.path("unchanged").asLong()).isEqualTo(3);
        assertThat(outboxEvents()).as("the same feed twice emits no event").isEqualTo(eventsAfterFirst);
    }

    @Test
    void a_changed_row_updates_its_offering_and_a_new_price_takes_effect_tomorrow() {
        importFeed("application/jsonl", OfferingMother.json(OfferingMother.vmStack("feed-change")));
        ObjectNode changed = OfferingMother.vmStack("feed-change");
        changed.put("slaTier", "SILVER");
        ((ObjectNode) changed.path("rates")).put("VCPU_HOUR", 0.02);

        JsonNode report = importFeed("application/jsonl", OfferingMother.json(changed));

        assertThat(report.path("updated").asLong()).isEqualTo(1);
        JsonNode offering = api.get("/api/v1/offerings?q=feed-change", ADMIN)
                .json()
                .path("items")
                .get(0);
        JsonNode detail = api.get("/api/v1/offerings/" + offering.path("id").asString(), ADMIN)
                .json();
        assertThat(detail.path("offering").path("slaTier").asString()).isEqualTo("SILVER");
        assertThat(detail.path("offering").path("priceLists")).hasSize(2);
        assertThat(detail.path("currentPrice").path("version").asInt())
                .as("today's price stays")
                .isEqualTo(1);
    }

    @Test
    void a_csv_feed_is_read_with_json_cells_and_per_row_errors() {
        ObjectNode vm = OfferingMother.vmStack("csv-a");
        String schema = csvCell(OfferingMother.json((ObjectNode) vm.path("parameterSchema")));
        String template = csvCell(OfferingMother.json((ObjectNode) vm.path("resourceTemplate")));
        String header = "code,name_fr,name_en,description_fr,description_en,category,provider_id,provider_name,"
                + "provider_secnumcloud,provider_data_location,tags,sla_tier,version,status,parameter_schema,"
                + "resource_template,vcpu_hour,ram_gb_hour,volume_gb_month,floating_ip_hour,setup_fee";
        String good =
                "csv-a,Machine éphémère,Ephemeral machine,Pour tester,For tests,COMPUTE,pi-cloud,PI Cloud,true,FR,"
                        + "vm|test,BRONZE,1.0,PUBLISHED," + schema + "," + template + ",0.01,0.004,0.04,0.004,10";
        String badCategory = good.replace("csv-a,", "csv-b,").replace(",COMPUTE,", ",TOASTER,");
        String negativeFee = good.replace("csv-a,", "csv-c,").replace(",0.004,10", ",0.004,-10");

        JsonNode report = importFeed("text/csv", String.join("\n", header, good, badCategory, negativeFee));

        assertThat(report.path("created").asLong()).as(report.toString()).isEqualTo(1);
        assertThat(report.path("rejected").asLong()).isEqualTo(2);
        assertThat(report.path("errors").findValuesAsString("code")).containsExactlyInAnyOrder("csv-b", "csv-c");
        assertThat(report.path("errors").findValuesAsString("field")).contains("category", "rates.SETUP_FEE");
    }

    @Test
    void an_import_needs_the_catalog_admin_role() {
        String agent = TestTokens.token("agent-police", "police", "agent");

        assertThat(api.postRaw("/api/v1/offerings/import", agent, "application/jsonl", "{}")
                        .status())
                .isEqualTo(403);
    }

    private JsonNode importFeed(String contentType, String feed) {
        ApiClient.Response response = api.postRaw("/api/v1/offerings/import", ADMIN, contentType, feed);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    /** Events published through the outbox so far, by this service. */
    private double outboxEvents() {
        return meters.find("picloud.events.published").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }

    private static String csvCell(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
