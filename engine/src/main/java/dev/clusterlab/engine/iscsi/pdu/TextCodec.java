package dev.clusterlab.engine.iscsi.pdu;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Login and Text data segments: {@code key=value} pairs, each terminated by a NUL, UTF-8 (RFC 7143
 * §6.1). Keys are at most 63 bytes (§6.1); values at most 255 bytes, except the few long-valued keys
 * (CHAP challenges and responses, SendTargets replies) which the caller's total limit bounds.
 */
public final class TextCodec {
    private TextCodec() {}

    /** One key=value pair. */
    public record KeyValue(String key, String value) {
        @Override
        public String toString() { return key + "=" + value; }
    }

    /** Thrown for a data segment that is not a list of key=value pairs. */
    public static final class TextFormatException extends Exception {
        public TextFormatException(String message) { super(message); }
    }

    public static final int MAX_KEY_LENGTH = 63;

    /** Parses {@code data}; a trailing pair without its NUL is accepted (some initiators omit it). */
    public static List<KeyValue> parse(byte[] data, int maxTotal) throws TextFormatException {
        if (data.length > maxTotal) throw new TextFormatException("text of " + data.length + " bytes exceeds " + maxTotal);
        List<KeyValue> out = new ArrayList<>();
        int start = 0;
        while (start < data.length) {
            int end = start;
            while (end < data.length && data[end] != 0) end++;
            if (end > start) {
                int eq = start;
                while (eq < end && data[eq] != '=') eq++;
                if (eq == end) throw new TextFormatException("key without '=' in text data");
                if (eq == start || eq - start > MAX_KEY_LENGTH) throw new TextFormatException("invalid key length");
                out.add(new KeyValue(new String(data, start, eq - start, StandardCharsets.UTF_8),
                        new String(data, eq + 1, end - eq - 1, StandardCharsets.UTF_8)));
            }
            start = end + 1;
        }
        return out;
    }

    public static byte[] encode(List<KeyValue> pairs) {
        StringBuilder sb = new StringBuilder();
        for (KeyValue kv : pairs) sb.append(kv.key()).append('=').append(kv.value()).append('\0');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
