package fr.picloud.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.picloud.contracts.order.OperationType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two message bundles: the same keys in French and English, and no message with arguments that
 * MessageFormat would cut at an apostrophe ("l'offre {0}" must be written "l''offre {0}").
 */
class MessageBundlesTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d+}");
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    @Test
    void french_and_english_have_the_same_keys() throws IOException {
        assertThat(bundle("messages.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        bundle("messages_en.properties").keySet());
    }

    @Test
    void no_message_with_arguments_has_a_lone_apostrophe() throws IOException {
        for (String file : new String[] {"messages.properties", "messages_en.properties"}) {
            assertThat(bundle(file)).as(file).allSatisfy((key, text) -> {
                if (ARGUMENT.matcher(text).find()) {
                    assertThat(LONE_APOSTROPHE.matcher(text).find())
                            .as("%s = %s", key, text)
                            .isFalse();
                }
            });
        }
    }

    /**
     * Keys the templates build from a value ({@code #{'operation.status.' + ${operation.status}}}):
     * one per value the services can send, or the page shows ??key?? instead of a word.
     */
    @Test
    void every_status_and_operation_the_services_send_has_its_words() throws IOException {
        List<String> keys = new ArrayList<>();
        for (String status : List.of("PENDING_APPROVAL", "REJECTED", "RUNNING", "COMPLETED", "FAILED")) {
            keys.add("operation.status." + status);
        }
        for (OperationType type : OperationType.values()) {
            keys.add("operation.kind." + type);
        }
        for (String action : List.of("END_DATE_SET", "END_REMINDER", "END_REACHED", "OPERATION_COMPLETED")) {
            keys.add("action." + action);
        }
        for (String file : new String[] {"messages.properties", "messages_en.properties"}) {
            assertThat(bundle(file).keySet()).as(file).containsAll(keys);
        }
    }

    private static Map<String, String> bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> messages = new TreeMap<>();
        properties.forEach((key, value) -> messages.put((String) key, (String) value));
        return messages;
    }
}
