package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.TargetPort;
import java.util.List;

/**
 * PERSISTENT RESERVE IN parameter data (SPC-4 §6.15). Each builder returns the complete data; the
 * caller truncates it to the ALLOCATION LENGTH, so length fields always describe the full list
 * (SPC-4 §4.2.5.6).
 */
final class PrInResponses {
    private PrInResponses() {}

    /** READ KEYS (§6.15.2): PRgeneration, then one 8-byte key per registered I_T nexus, in registration order. */
    static byte[] readKeys(PrState s, List<TargetPort> ports) {
        int count = 0;
        for (Registration r : s.registrations) count += r.nexusCount(ports);
        byte[] b = new byte[8 + 8 * count];
        Bytes.put32(b, 0, Integer.toUnsignedLong(s.generation));
        Bytes.put32(b, 4, 8L * count);
        int off = 8;
        for (Registration r : s.registrations) {
            for (int i = r.nexusCount(ports); i > 0; i--) {
                Bytes.put64(b, off, r.key());
                off += 8;
            }
        }
        return b;
    }

    /** READ RESERVATION (§6.15.3): 8 bytes when unreserved, else 24 with the holder's key (0 for AR types). */
    static byte[] readReservation(PrState s) {
        Reservation r = s.reservation;
        byte[] b = new byte[r == null ? 8 : 24];
        Bytes.put32(b, 0, Integer.toUnsignedLong(s.generation));
        if (r == null) return b;
        Bytes.put32(b, 4, 0x10);
        Registration holder = s.holderRegistration();
        Bytes.put64(b, 8, holder == null ? 0 : holder.key()); // §5.13.10: AR types report key 0
        b[21] = (byte) ((r.scope() << 4) | r.type().code());
        return b;
    }

    /**
     * REPORT CAPABILITIES (§6.15.4): RLR_C, CRH, SIP_C and ATP_C are supported; PTPL_C when a
     * non-volatile store is configured; TMV=1 with ALLOW COMMANDS from {@link AccessRules}; all six
     * types in the mask.
     */
    static byte[] reportCapabilities(PrState s, boolean persistenceCapable) {
        byte[] b = new byte[8];
        Bytes.put16(b, 0, 8);
        b[2] = (byte) (0x80 /* RLR_C */ | 0x10 /* CRH */ | 0x08 /* SIP_C */ | 0x04 /* ATP_C */
                | (persistenceCapable ? 0x01 /* PTPL_C */ : 0));
        b[3] = (byte) (0x80 /* TMV */ | (AccessRules.ALLOW_COMMANDS << 4) | (s.aptplActive ? 0x01 /* PTPL_A */ : 0));
        b[4] = (byte) 0xEA; // WR_EX_AR, EX_AC_RO, WR_EX_RO, EX_AC, WR_EX
        b[5] = 0x01;        // EX_AC_AR
        return b;
    }

    /**
     * READ FULL STATUS (§6.15.5): one descriptor per registered I_T nexus. A registration made with
     * ALL_TG_PT=1 is reported through each target port with ALL_TG_PT set, so the one nexus that
     * holds a non-AR reservation can be marked R_HOLDER; under AR types every registrant is.
     */
    static byte[] readFullStatus(PrState s, List<TargetPort> ports) {
        int total = 0;
        for (Registration r : s.registrations) {
            int tidLength = r.initiator().transportId().encode().length;
            total += r.nexusCount(ports) * (24 + tidLength);
        }
        byte[] b = new byte[8 + total];
        Bytes.put32(b, 0, Integer.toUnsignedLong(s.generation));
        Bytes.put32(b, 4, total);
        int off = 8;
        Reservation res = s.reservation;
        for (Registration r : s.registrations) {
            byte[] tid = r.initiator().transportId().encode();
            for (ItNexus n : r.nexuses(ports)) {
                boolean holder = res != null && (res.holder() == null || res.holder().equals(n));
                Bytes.put64(b, off, r.key());
                b[off + 12] = (byte) ((r.allTargetPorts() ? 0x02 : 0) | (holder ? 0x01 : 0));
                if (holder) b[off + 13] = (byte) ((res.scope() << 4) | res.type().code());
                Bytes.put16(b, off + 18, n.target().relativeId());
                Bytes.put32(b, off + 20, tid.length);
                System.arraycopy(tid, 0, b, off + 24, tid.length);
                off += 24 + tid.length;
            }
        }
        return b;
    }
}
