package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.PrInAction;
import java.util.ArrayList;
import java.util.List;

/** The parsed PERSISTENT RESERVE IN parameter data of one GOOD answer (SPC-4 §6.15). */
public sealed interface PrInData {
    /** READ KEYS (SPC-4 §6.15.2): generation and one key per registered I_T nexus, in the target's order. */
    record Keys(long generation, List<Long> keys) implements PrInData {
        public Keys { keys = List.copyOf(keys); }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("gen=").append(generation).append(" keys=[");
            for (int i = 0; i < keys.size(); i++) b.append(i == 0 ? "" : ",").append("0x").append(Long.toHexString(keys.get(i)));
            return b.append(']').toString();
        }
    }

    /** READ RESERVATION (SPC-4 §6.15.3): generation and, when present, the holder's key (0 for AR types), scope and type. */
    record Reservation(long generation, boolean present, long key, int scope, int type) implements PrInData {
        @Override
        public String toString() {
            return "gen=" + generation + (present ? " reserved key=0x" + Long.toHexString(key) + " scope=" + scope + " type=" + type : " none");
        }
    }

    /**
     * REPORT CAPABILITIES (SPC-4 §6.15.4).
     *
     * @param flags byte 2 (RLR_C, CRH, SIP_C, ATP_C, PTPL_C)
     * @param allow byte 3 (TMV, ALLOW COMMANDS, PTPL_A)
     * @param typeMask bytes 4-5, the PERSISTENT RESERVATION TYPE MASK
     */
    record Capabilities(int length, int flags, int allow, int typeMask) implements PrInData {
        public boolean typeMaskValid() { return (allow & 0x80) != 0; }

        @Override
        public String toString() {
            return String.format("length=%d flags=%02Xh allow=%02Xh mask=%04Xh", length, flags, allow, typeMask);
        }
    }

    /** READ FULL STATUS (SPC-4 §6.15.5): generation and each descriptor's key, holder flag and type. */
    record FullStatus(long generation, List<String> descriptors) implements PrInData {
        public FullStatus { descriptors = List.copyOf(descriptors); }

        @Override
        public String toString() { return "gen=" + generation + " " + descriptors; }
    }

    /** Data too short for its own header or length field. */
    record Malformed(String why) implements PrInData {}

    static PrInData parse(PrInAction action, byte[] d) {
        if (action == PrInAction.REPORT_CAPABILITIES) {
            if (d.length < 6) return new Malformed("REPORT CAPABILITIES with " + d.length + " bytes");
            return new Capabilities(Bytes.u16(d, 0), d[2] & 0xFF, d[3] & 0xFF, Bytes.u16(d, 4));
        }
        if (d.length < 8) return new Malformed(action.label() + " with " + d.length + " bytes");
        long generation = Bytes.u32(d, 0);
        long additional = Bytes.u32(d, 4);
        if (8 + additional > d.length) return new Malformed(action.label() + ": ADDITIONAL LENGTH " + additional + " but " + d.length + " bytes");
        return switch (action) {
            case READ_KEYS -> {
                if (additional % 8 != 0) yield new Malformed("READ KEYS: ADDITIONAL LENGTH " + additional + " is not a multiple of 8");
                List<Long> keys = new ArrayList<>();
                for (int off = 8; off < 8 + additional; off += 8) keys.add(Bytes.u64(d, off));
                yield new Keys(generation, keys);
            }
            case READ_RESERVATION -> {
                if (additional == 0) yield new Reservation(generation, false, 0, 0, 0);
                if (additional < 16) yield new Malformed("READ RESERVATION: ADDITIONAL LENGTH " + additional);
                yield new Reservation(generation, true, Bytes.u64(d, 8), (d[21] >> 4) & 0xF, d[21] & 0xF);
            }
            case READ_FULL_STATUS -> {
                List<String> out = new ArrayList<>();
                int off = 8;
                while (off + 24 <= 8 + additional) {
                    int tidLength = (int) Bytes.u32(d, off + 20);
                    out.add("0x" + Long.toHexString(Bytes.u64(d, off)) + ((d[off + 12] & 1) != 0 ? " holder type=" + (d[off + 13] & 0xF) : ""));
                    off += 24 + tidLength;
                }
                yield new FullStatus(generation, out);
            }
            case REPORT_CAPABILITIES -> throw new AssertionError("handled above");
        };
    }

    /** The PRgeneration this answer reports, or -1 when it carries none. */
    static long generationOf(PrInData data) {
        return switch (data) {
            case Keys k -> k.generation();
            case Reservation r -> r.generation();
            case FullStatus f -> f.generation();
            case Capabilities c -> -1;
            case Malformed m -> -1;
        };
    }
}
