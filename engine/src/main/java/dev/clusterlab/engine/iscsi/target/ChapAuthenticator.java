package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * CHAP with MD5 (RFC 1994 as profiled by RFC 7143 §12.1.3): the target sends CHAP_A=5, a fresh
 * random identifier and challenge, and checks CHAP_N/CHAP_R; with mutual CHAP it answers the
 * initiator's CHAP_I/CHAP_C with its own name and response. A challenge equal to ours (a reflection
 * attack, §12.1.3) is refused.
 */
final class ChapAuthenticator {
    /** CHAP_A value for MD5 (RFC 1994 / IANA PPP authentication algorithms). */
    static final String MD5 = "5";
    private static final int CHALLENGE_BYTES = 16;
    /** libiscsi accepts up to 1024-byte challenges (RFC 7143 §12.1.3 allows that much). */
    private static final int MAX_CHALLENGE_BYTES = 1024;

    enum Result { CONTINUE, AUTHENTICATED, FAILED }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final ChapSecret secret;
    private final ChapSecret mutual;
    private int identifier = -1;
    private byte[] challenge;

    ChapAuthenticator(ChapSecret secret, ChapSecret mutual) {
        this.secret = secret;
        this.mutual = mutual;
    }

    /** Handles the CHAP keys of one login request; appends the target's keys to {@code reply}. */
    Result step(Map<String, String> keys, List<KeyValue> reply) {
        String algorithms = keys.get("CHAP_A");
        if (challenge == null) {
            if (algorithms == null) return Result.CONTINUE;
            if (!List.of(algorithms.split(",")).contains(MD5)) {
                reply.add(new KeyValue("CHAP_A", "Reject"));
                return Result.FAILED;
            }
            identifier = RANDOM.nextInt(256);
            challenge = new byte[CHALLENGE_BYTES];
            RANDOM.nextBytes(challenge);
            reply.add(new KeyValue("CHAP_A", MD5));
            reply.add(new KeyValue("CHAP_I", Integer.toString(identifier)));
            reply.add(new KeyValue("CHAP_C", "0x" + hex(challenge)));
            return Result.CONTINUE;
        }
        String name = keys.get("CHAP_N"), response = keys.get("CHAP_R");
        if (name == null || response == null) return Result.FAILED;
        byte[] got = decodeBinary(response);
        byte[] expected = md5(identifier, secret.secret(), challenge);
        if (got == null || !name.equals(secret.user()) || !MessageDigest.isEqual(got, expected)) return Result.FAILED;
        String theirId = keys.get("CHAP_I"), theirChallenge = keys.get("CHAP_C");
        if (theirId == null && theirChallenge == null) return Result.AUTHENTICATED;
        if (theirId == null || theirChallenge == null || mutual == null) return Result.FAILED;
        byte[] c = decodeBinary(theirChallenge);
        int id = parseId(theirId);
        if (c == null || c.length == 0 || c.length > MAX_CHALLENGE_BYTES || id < 0 || MessageDigest.isEqual(c, challenge))
            return Result.FAILED;
        reply.add(new KeyValue("CHAP_N", mutual.user()));
        reply.add(new KeyValue("CHAP_R", "0x" + hex(md5(id, mutual.secret(), c))));
        return Result.AUTHENTICATED;
    }

    private static int parseId(String s) {
        try {
            int v = Integer.parseInt(s.trim());
            return v >= 0 && v <= 255 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** RFC 1994 §4.1: MD5 over identifier, secret and challenge. */
    static byte[] md5(int identifier, String secret, byte[] challenge) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update((byte) identifier);
            md.update(secret.getBytes(StandardCharsets.UTF_8));
            md.update(challenge);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    /** RFC 7143 §6.1: binary values are "0x" hex or "0b" base64; null when neither. */
    static byte[] decodeBinary(String v) {
        if (v.length() < 3) return null;
        String body = v.substring(2);
        if (v.startsWith("0x") || v.startsWith("0X")) {
            if ((body.length() & 1) == 1) body = "0" + body;
            byte[] out = new byte[body.length() / 2];
            for (int i = 0; i < out.length; i++) {
                int hi = Character.digit(body.charAt(2 * i), 16), lo = Character.digit(body.charAt(2 * i + 1), 16);
                if (hi < 0 || lo < 0) return null;
                out[i] = (byte) ((hi << 4) | lo);
            }
            return out;
        }
        if (v.startsWith("0b") || v.startsWith("0B")) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        return sb.toString();
    }
}
