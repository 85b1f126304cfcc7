package fr.picloud.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.picloud.contracts.Topics;
import fr.picloud.platform.test.ApiClient;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.TestKafka;
import fr.picloud.platform.test.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@PiCloudIntegrationTest
class CatalogLifecycleIT {

    private static final String ADMIN = TestTokens.token("catalog-admin", "dsic", "catalog-admin");
    private static final String AGENT = TestTokens.token("agent-police", "police", "agent");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void every_lifecycle_move_publishes_the_full_state_on_the_compacted_topic() {
        String id = create(OfferingMother.vmStack("vm-lifecycle"));

        assertThat(post("/api/v1/offerings/" + id + "/publish", "").status()).isEqualTo(200);
        ApiClient.Response repriced = post("/api/v1/offerings/" + id + "/prices", """
                {"effectiveFrom": "%s", "rates": {"VCPU_HOUR": 0.013, "RAM_GB_HOUR": 0.0042}}
                """.formatted(
                        LocalDate.now().plusDays(1)));
        assertThat(repriced.status()).isEqualTo(200);
        assertThat(repriced.json().path("currentPrice").path("version").asInt())
                .as("the new price is not in force before its date")
                .isEqualTo(1);
        assertThat(post("/api/v1/offerings/" + id + "/deprecate", "").status()).isEqualTo(200);
        assertThat(post("/api/v1/offerings/" + id + "/retire", "").status()).isEqualTo(200);

        ApiClient.Response again = post("/api/v1/offerings/" + id + "/deprecate", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");

        List<JsonNode> events = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.CATALOG_OFFERINGS));
            await("four events of offering " + id)
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                            if (id.equals(record.key())) {
                                types.add(new String(
                                        record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
                                events.add(JSON.readTree(record.value()).path("offering"));
                            }
                        }
                        return events.size() >= 4;
                    });
        }
        assertThat(types)
                .containsExactly(
                        "picloud.catalog.offering-published",
                        "picloud.catalog.offering-price-changed",
                        "picloud.catalog.offering-deprecated",
                        "picloud.catalog.offering-retired");
        assertThat(events)
                .extracting(event -> event.path("status").asString())
                .containsExactly("PUBLISHED", "PUBLISHED", "DEPRECATED", "RETIRED");
        assertThat(events)
                .extracting(event -> event.path("revision").asLong())
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(events.getLast().path("priceLists")).hasSize(2);
        assertThat(events.getLast().path("resourceTemplate").path("resources")).hasSize(10);
        assertThat(events.getLast().path("parameterSchema").path("properties").has("diskGb"))
                .isTrue();
    }

    @Test
    void a_draft_is_invisible_to_agents_and_editable_by_admins_only_while_a_draft() {
        String id = create(OfferingMother.vmStack("vm-draft"));
        assertThat(api.get("/api/v1/offerings/" + id, AGENT).status()).isEqualTo(404);

        ObjectNode changed = OfferingMother.vmStack("vm-draft");
        changed.put("slaTier", "SILVER");
        assertThat(api.put("/api/v1/offerings/" + id, ADMIN, OfferingMother.json(changed))
                        .json()
                        .path("offering")
                        .path("slaTier")
                        .asString())
                .isEqualTo("SILVER");

        post("/api/v1/offerings/" + id + "/publish", "");
        assertThat(api.put("/api/v1/offerings/" + id, ADMIN, OfferingMother.json(changed))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void publishing_without_a_price_is_a_422_naming_the_price_lists() {
        String id = create(OfferingMother.withoutPrices(OfferingMother.vmStack("vm-no-price")));

        ApiClient.Response response = post("/api/v1/offerings/" + id + "/publish", "");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("errors").findValuesAsString("field")).containsExactly("priceLists");
        assertThat(api.get("/api/v1/offerings/" + id, ADMIN)
                        .json()
                        .path("offering")
                        .path("status")
                        .asString())
                .as("nothing half-written")
                .isEqualTo("DRAFT");
    }

    @Test
    void an_invalid_json_schema_is_a_422_naming_the_schema_and_nothing_is_created() {
        ObjectNode body = OfferingMother.vmStack("vm-bad-schema");
        ((ObjectNode) body.path("parameterSchema").path("properties").path("diskGb")).put("minimum", "ten");

        ApiClient.Response response = api.post("/api/v1/offerings", ADMIN, OfferingMother.json(body));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("errors").findValuesAsString("field"))
                .allSatisfy(field -> assertThat(field).startsWith("parameterSchema"));
        assertThat(search("vm-bad-schema")).isZero();
    }

    @Test
    void a_template_referring_to_an_undefined_parameter_is_a_422_naming_the_template() {
        ObjectNode body = OfferingMother.vmStack("vm-bad-template");
        ((ObjectNode) body.path("parameterSchema").path("properties")).remove("image");
        ApiClient.Response response = api.post("/api/v1/offerings", ADMIN, OfferingMother.json(body));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("errors").findValuesAsString("message"))
                .anySatisfy(message -> assertThat(message).contains("${image}"));
        assertThat(response.json().path("errors").findValuesAsString("field")).contains("resourceTemplate");
    }

    @Test
    void a_create_with_a_negative_rate_writes_nothing() {
        ObjectNode body = OfferingMother.vmStack("vm-create-negative");
        ((ObjectNode) body.path("rates")).put("RAM_GB_HOUR", -1);

        ApiClient.Response response = api.post("/api/v1/offerings", ADMIN, OfferingMother.json(body));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("errors").findValuesAsString("field")).containsExactly("rates.RAM_GB_HOUR");
        assertThat(search("vm-create-negative")).as("no draft left behind").isZero();
    }

    @Test
    void a_price_list_in_the_past_or_with_a_negative_rate_is_refused() {
        String id = create(OfferingMother.vmStack("vm-bad-price"));

        ApiClient.Response past = post(
                "/api/v1/offerings/" + id + "/prices",
                "{\"effectiveFrom\": \"2020-01-01\", \"rates\": {\"VCPU_HOUR\": 1}}");
        ApiClient.Response negative = post(
                "/api/v1/offerings/" + id + "/prices",
                "{\"effectiveFrom\": \"%s\", \"rates\": {\"VCPU_HOUR\": -1}}"
                        .formatted(LocalDate.now().plusDays(3)));

        assertThat(past.status()).isEqualTo(422);
        assertThat(past.json().path("errors").findValuesAsString("field")).containsExactly("effectiveFrom");
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.json().path("errors").findValuesAsString("field")).containsExactly("rates.VCPU_HOUR");
    }

    @Test
    void a_quote_gives_the_monthly_estimate_with_its_breakdown() {
        String id = create(OfferingMother.vmStack("vm-quote"));
        post("/api/v1/offerings/" + id + "/publish", "");

        ApiClient.Response quote = api.post("/api/v1/offerings/" + id + "/quote", AGENT, """
                {"parameters": {"flavor": "m1.large", "diskGb": 100, "image": "debian-12", "instanceCount": 2, "floatingIp": true}}
                """);

        assertThat(quote.status()).isEqualTo(200);
        // 8 vCPU x 0.0125 x 730 = 73.00; 16 GB x 0.0042 x 730 = 49.056 -> 49.06; 200 GB x 0.045 = 9.00; 0.004 x 730 =
        // 2.92
        assertThat(quote.json().path("monthlyTotal").decimalValue()).isEqualByComparingTo("133.98");
        assertThat(quote.json().path("oneTimeFees").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(quote.json().path("lines")).hasSize(4);
        assertThat(quote.json().path("currency").asString()).isEqualTo("EUR");
    }

    @Test
    void a_quote_with_parameters_out_of_the_schema_is_a_422_listing_each_violation() {
        String id = create(OfferingMother.vmStack("vm-quote-bad"));
        post("/api/v1/offerings/" + id + "/publish", "");

        ApiClient.Response quote = api.post(
                "/api/v1/offerings/" + id + "/quote",
                AGENT,
                "{\"parameters\": {\"flavor\": \"x9.huge\", \"diskGb\": 5, \"image\": \"debian-12\", \"instanceCount\": 1}}");

        assertThat(quote.status()).isEqualTo(422);
        assertThat(quote.json().path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("parameters.flavor", "parameters.diskGb");
    }

    @Test
    void a_provider_scoped_admin_manages_only_its_own_provider() {
        String partnerAdmin = TestTokens.providerAdminToken("admin-partner", "partner-cloud");
        ObjectNode own = OfferingMother.vmStack("partner-vm");
        ((ObjectNode) own.path("provider")).put("id", "partner-cloud");
        ApiClient.Response created = api.post("/api/v1/offerings", partnerAdmin, OfferingMother.json(own));
        assertThat(created.status()).isEqualTo(201);

        String platformOffering = create(OfferingMother.vmStack("vm-not-partner"));
        ApiClient.Response foreign = api.post("/api/v1/offerings/" + platformOffering + "/publish", partnerAdmin, "");
        ApiClient.Response foreignCreate =
                api.post("/api/v1/offerings", partnerAdmin, OfferingMother.newOfferingJson("partner-sneaky"));

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreignCreate.status()).isEqualTo(403);
    }

    private long search(String code) {
        return api.get("/api/v1/offerings?q=" + code + "&status=DRAFT", ADMIN)
                .json()
                .path("total")
                .asLong();
    }

    private String create(ObjectNode body) {
        ApiClient.Response created = api.post("/api/v1/offerings", ADMIN, OfferingMother.json(body));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().path("offering").path("offeringId").asString();
    }

    private ApiClient.Response post(String path, String body) {
        return api.post(path, ADMIN, body);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "lifecycle-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    }
}
