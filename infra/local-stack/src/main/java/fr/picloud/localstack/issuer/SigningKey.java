package fr.picloud.localstack.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * The issuer's RSA key pair, kept in {@code .picloud/issuer/} so that tokens minted before a restart
 * stay valid after it (the services cache the JWK set, and a developer keeps a token in a shell variable).
 */
final class SigningKey {

    static final String FILE_NAME = "signing-key.jwk.json";

    private SigningKey() {}

    static RSAKey loadOrCreate(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
            SecretFiles.write(file, key.toJSONString());
            return key;
        } catch (ParseException e) {
            throw new IOException(file + " holds no RSA JWK: delete it to get a new key", e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
