package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.Chap;
import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import java.security.MessageDigest;
import java.security.SecureRandom;
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
            reply.add(new KeyValue("CHAP_C", Chap.encodeBinary(challenge)));
            return Result.CONTINUE;
        }
        String name = keys.get("CHAP_N"), response = keys.get("CHAP_R");
        if (name == null || response == null) return Result.FAILED;
        byte[] got = Chap.decodeBinary(response);
        byte[] expected = Chap.response(identifier, secret.secret(), challenge);
        if (got == null || !name.equals(secret.user()) || !MessageDigest.isEqual(got, expected)) return Result.FAILED;
        String theirId = keys.get("CHAP_I"), theirChallenge = keys.get("CHAP_C");
        if (theirId == null && theirChallenge == null) return Result.AUTHENTICATED;
        if (theirId == null || theirChallenge == null || mutual == null) return Result.FAILED;
        byte[] c = Chap.decodeBinary(theirChallenge);
        int id = parseId(theirId);
        if (c == null || c.length == 0 || c.length > MAX_CHALLENGE_BYTES || id < 0 || MessageDigest.isEqual(c, challenge))
            return Result.FAILED;
        reply.add(new KeyValue("CHAP_N", mutual.user()));
        reply.add(new KeyValue("CHAP_R", Chap.encodeBinary(Chap.response(id, mutual.secret(), c))));
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
}
