package dev.clusterlab.engine.iscsi.pdu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * CHAP-MD5 arithmetic (RFC 1994 §4.1, RFC 7143 §12.1.3), shared by the target and the initiator:
 * response = MD5(identifier || secret || challenge), and the binary value forms of the keys.
 */
public final class Chap {
    private Chap() {}

    public static final String MD5 = "5";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static byte[] response(int identifier, String secret, byte[] challenge) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) identifier);
            md5.update(secret.getBytes(StandardCharsets.UTF_8));
            md5.update(challenge);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** RFC 7143 §6.1 binary values: 0x hex or 0b base64. Returns null when malformed. */
    public static byte[] decodeBinary(String value) {
        if (value == null || value.length() < 3) return null;
        try {
            if (value.startsWith("0x") || value.startsWith("0X")) {
                String hex = value.substring(2);
                if ((hex.length() & 1) == 1) hex = "0" + hex;
                return HexFormat.of().parseHex(hex);
            }
            if (value.startsWith("0b") || value.startsWith("0B")) return Base64.getDecoder().decode(value.substring(2));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    public static String encodeBinary(byte[] bytes) { return "0x" + HexFormat.of().formatHex(bytes); }

    public static byte[] randomChallenge() {
        byte[] c = new byte[16];
        RANDOM.nextBytes(c);
        return c;
    }

    public static int randomIdentifier() { return RANDOM.nextInt(256); }
}
