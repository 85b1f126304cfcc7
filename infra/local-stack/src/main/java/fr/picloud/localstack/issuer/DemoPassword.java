package fr.picloud.localstack.issuer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The password of every demo account: never committed, taken from {@code PICLOUD_DEMO_PASSWORD} or
 * else generated at first start into a file only its owner can read.
 */
public final class DemoPassword {

    public static final String VARIABLE = "PICLOUD_DEMO_PASSWORD";

    private final String value;

    private DemoPassword(String value) {
        this.value = value;
    }

    public static DemoPassword resolve(String fromEnvironment, Path file) throws IOException {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new DemoPassword(fromEnvironment);
        }
        if (!Files.exists(file)) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            SecretFiles.write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
        }
        return new DemoPassword(Files.readString(file).strip());
    }

    /** Where a developer finds the password, for the stack's summary (never the password itself). */
    public static String whereToFind(String fromEnvironment, String file) {
        return fromEnvironment != null && !fromEnvironment.isBlank() ? "$" + VARIABLE : file;
    }

    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "DemoPassword[****]";
    }
}
