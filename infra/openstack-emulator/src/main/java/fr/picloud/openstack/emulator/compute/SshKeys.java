package fr.picloud.openstack.emulator.compute;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** OpenSSH public keys as Nova handles them: generated when asked, fingerprinted with MD5. */
final class SshKeys {

    record Generated(String publicKey, String privateKey) {}

    private SshKeys() {}

    static Generated generate(String comment) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            RSAPublicKey rsa = (RSAPublicKey) pair.getPublic();
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            writeString(blob, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(blob, rsa.getPublicExponent().toByteArray());
            writeString(blob, rsa.getModulus().toByteArray());
            String publicKey = "ssh-rsa " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " " + comment;
            String privateKey = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new Generated(publicKey, privateKey);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has RSA", e);
        }
    }

    /** Nova's legacy fingerprint (MD5 of the key blob, colon-separated), or empty when the key is not OpenSSH. */
    static Optional<String> fingerprint(String publicKey) {
        if (publicKey == null) {
            return Optional.empty();
        }
        String[] parts = publicKey.trim().split("\\s+");
        if (parts.length < 2 || !(parts[0].startsWith("ssh-") || parts[0].startsWith("ecdsa-"))) {
            return Optional.empty();
        }
        try {
            byte[] blob = Base64.getDecoder().decode(parts[1]);
            if (blob.length < 4 || ByteBuffer.wrap(blob).getInt() != parts[0].length()) {
                return Optional.empty();
            }
            byte[] digest = MessageDigest.getInstance("MD5").digest(blob);
            return Optional.of(HexFormat.ofDelimiter(":").formatHex(digest));
        } catch (IllegalArgumentException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }
}
