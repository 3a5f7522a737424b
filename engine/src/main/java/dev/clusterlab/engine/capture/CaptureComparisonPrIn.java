package dev.clusterlab.engine.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of PERSISTENT RESERVE IN data the comparison judges (SPC-4 §6.15): generation, keys,
 * the reservation (holder key, type) and the capability bits. Parsed leniently: a short answer
 * gives what fits.
 */
record CaptureComparisonPrIn(int action, long generation, List<Long> keys, boolean reserved, long holderKey, int type,
                             byte[] capabilities) {
    static final int READ_KEYS = 0, READ_RESERVATION = 1, REPORT_CAPABILITIES = 2, READ_FULL_STATUS = 3;

    static CaptureComparisonPrIn parse(int action, byte[] d) {
        List<Long> keys = new ArrayList<>();
        if (action == REPORT_CAPABILITIES) {
            byte[] caps = new byte[4];
            System.arraycopy(d, Math.min(2, d.length), caps, 0, Math.max(0, Math.min(4, d.length - 2)));
            return new CaptureComparisonPrIn(action, 0, keys, false, 0, 0, caps);
        }
        long generation = d.length >= 4 ? u32(d, 0) : -1;
        long additional = d.length >= 8 ? u32(d, 4) : 0;
        long end = Math.min(d.length, 8 + additional);
        boolean reserved = false;
        long holderKey = 0;
        int type = 0;
        switch (action) {
            case READ_KEYS -> {
                for (int at = 8; at + 8 <= end; at += 8) keys.add(u64(d, at));
            }
            case READ_RESERVATION -> {
                reserved = additional > 0;
                if (reserved && d.length >= 22) {
                    holderKey = u64(d, 8);
                    type = d[21] & 0x0F;
                }
            }
            case READ_FULL_STATUS -> {
                int at = 8;
                while (at + 24 <= end) {
                    long key = u64(d, at);
                    keys.add(key);
                    if ((d[at + 12] & 0x01) != 0) {
                        reserved = true;
                        holderKey = key;
                        type = d[at + 13] & 0x0F;
                    }
                    at += 24 + (int) Math.min(Integer.MAX_VALUE - at - 24, u32(d, at + 20));
                }
            }
            default -> { }
        }
        return new CaptureComparisonPrIn(action, generation, keys, reserved, holderKey, type, null);
    }

    private static long u32(byte[] d, int at) {
        return ((d[at] & 0xFFL) << 24) | ((d[at + 1] & 0xFFL) << 16) | ((d[at + 2] & 0xFFL) << 8) | (d[at + 3] & 0xFFL);
    }

    private static long u64(byte[] d, int at) { return (u32(d, at) << 32) | u32(d, at + 4); }

    static String key(long k) { return "0x" + Long.toHexString(k); }

    static String keys(List<Long> keys) {
        if (keys.isEmpty()) return "no keys";
        StringBuilder sb = new StringBuilder();
        for (Long k : keys) sb.append(sb.isEmpty() ? "" : ", ").append(key(k));
        return sb.toString();
    }
}
