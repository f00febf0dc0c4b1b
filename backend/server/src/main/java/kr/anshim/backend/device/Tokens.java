package kr.anshim.backend.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Device tokens are stored only as SHA-256 digests and compared in constant time. */
public final class Tokens {

    private Tokens() {
    }

    public static String sha256(String token) {
        return sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes}, lower-case hex (tokens, snapshots, export entries). */
    public static String sha256(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    public static boolean matches(String token, String expectedSha256) {
        return MessageDigest.isEqual(sha256(token).getBytes(StandardCharsets.US_ASCII),
                expectedSha256.getBytes(StandardCharsets.US_ASCII));
    }
}
