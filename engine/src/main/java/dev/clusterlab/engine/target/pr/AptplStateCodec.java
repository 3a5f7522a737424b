package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.TransportId;
import dev.clusterlab.engine.target.pr.CorruptAptplStateException.Check;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The on-disk form of {@link PersistedReservations} (what SPC-4 §5.13.5 says must survive a power
 * loss while APTPL is active). All integers are big-endian, like every SCSI structure.
 *
 * <pre>
 * Header (18 bytes)
 *   0   8  magic: 89h 'C' 'L' 'A' 'P' 'T' 'P' 'L' (the high first byte catches 7-bit and text-mode mangling)
 *   8   2  format version, currently 1
 *   10  4  payload length N in bytes
 *   14  4  CRC32C (Castagnoli) of the N payload bytes
 * Payload, format 1 (N bytes)
 *   4      registration count R
 *   R times:
 *     2    relative target port identifier (0 = all target ports, ALL_TG_PT=1)
 *     8    reservation key
 *     2    length L of the TransportID
 *     L    the initiator port's TransportID, exactly as SPC-4 §7.6.4 encodes it
 *   1      1 when a reservation is held, else 0 (and the payload ends here)
 *   when 1:
 *     1    type (SPC-4 Table 206 code)
 *     1    scope
 *     2    holder's relative target port identifier
 *     1    1 when a holder is recorded, 0 for all-registrants types (SPC-4 §5.13.5: only type and scope)
 *     when 1: 2 length L, then L bytes of the holder's TransportID
 * </pre>
 *
 * <p>PRgeneration is deliberately absent: it restarts at 0 after a power loss (SPC-4 §5.13.5).
 * Reading is strict: every length must fit, every TransportID must decode to exactly the bytes it
 * came from, and nothing may follow the payload, so a damaged file is never mistaken for state.
 * A reader that finds a newer format version refuses it rather than guessing.
 */
public final class AptplStateCodec {
    private AptplStateCodec() {}

    public static final int FORMAT_VERSION = 1;
    public static final int HEADER_LENGTH = 18;
    /** Upper bound on a file this reader accepts; far above any real registrant population. */
    public static final int MAX_FILE_LENGTH = 16 << 20;

    private static final byte[] MAGIC = {(byte) 0x89, 'C', 'L', 'A', 'P', 'T', 'P', 'L'};

    /** The whole file (header and payload) for {@code state}. */
    public static byte[] encode(PersistedReservations state) {
        byte[] payload = encodePayload(state);
        byte[] file = new byte[HEADER_LENGTH + payload.length];
        System.arraycopy(MAGIC, 0, file, 0, MAGIC.length);
        Bytes.put16(file, 8, FORMAT_VERSION);
        Bytes.put32(file, 10, payload.length);
        Bytes.put32(file, 14, crc32c(payload, 0, payload.length));
        System.arraycopy(payload, 0, file, HEADER_LENGTH, payload.length);
        if (file.length > MAX_FILE_LENGTH) throw new IllegalArgumentException("APTPL state too large: " + file.length + " bytes");
        return file;
    }

    /**
     * Parses a whole file.
     *
     * @param source the file's path, named in error messages
     * @throws CorruptAptplStateException naming the first check that failed
     */
    public static PersistedReservations decode(byte[] file, Path source) throws CorruptAptplStateException {
        if (file.length < HEADER_LENGTH) {
            throw new CorruptAptplStateException(source, Check.HEADER_LENGTH, file.length + " bytes, the header alone is " + HEADER_LENGTH);
        }
        if (!Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptAptplStateException(source, Check.MAGIC, "found " + Bytes.hex(file, 0, MAGIC.length));
        }
        int version = Bytes.u16(file, 8);
        if (version > FORMAT_VERSION) {
            throw new CorruptAptplStateException(source, Check.NEWER_VERSION,
                    "format " + version + "); this ClusterLab reads format " + FORMAT_VERSION + " (upgrade ClusterLab to use the file");
        }
        if (version != FORMAT_VERSION) {
            throw new CorruptAptplStateException(source, Check.VERSION, "format " + version);
        }
        long declared = Bytes.u32(file, 10);
        int actual = file.length - HEADER_LENGTH;
        if (declared != actual) {
            throw new CorruptAptplStateException(source, Check.PAYLOAD_LENGTH, "header says " + declared + " payload bytes, file holds " + actual);
        }
        long storedCrc = Bytes.u32(file, 14);
        long computedCrc = crc32c(file, HEADER_LENGTH, actual);
        if (storedCrc != computedCrc) {
            throw new CorruptAptplStateException(source, Check.CRC,
                    "stored 0x" + Long.toHexString(storedCrc) + ", computed 0x" + Long.toHexString(computedCrc));
        }
        try {
            return new PayloadReader(file, HEADER_LENGTH).read();
        } catch (MalformedPayload e) {
            throw new CorruptAptplStateException(source, Check.PAYLOAD, e.getMessage());
        }
    }

    private static long crc32c(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        return crc.getValue();
    }

    private static byte[] encodePayload(PersistedReservations state) {
        List<byte[]> ids = new ArrayList<>(state.registrations().size() + 1);
        int length = 4 + 1;
        for (PersistedReservations.Registration r : state.registrations()) {
            byte[] id = checkedTransportId(r.initiator());
            checkU16("relative target port id", r.relativeTargetPortId());
            ids.add(id);
            length += 2 + 8 + 2 + id.length;
        }
        PersistedReservations.Reservation res = state.reservation();
        byte[] holder = null;
        if (res != null) {
            checkU8("type", res.type());
            checkU8("scope", res.scope());
            checkU16("holder relative target port id", res.holderRelativeTargetPortId());
            length += 1 + 1 + 2 + 1;
            if (res.holder() != null) {
                holder = checkedTransportId(res.holder());
                length += 2 + holder.length;
            }
        }
        byte[] p = new byte[length];
        int off = 0;
        Bytes.put32(p, off, state.registrations().size());
        off += 4;
        for (int i = 0; i < ids.size(); i++) {
            PersistedReservations.Registration r = state.registrations().get(i);
            Bytes.put16(p, off, r.relativeTargetPortId());
            Bytes.put64(p, off + 2, r.key());
            off = putTransportId(p, off + 10, ids.get(i));
        }
        p[off++] = (byte) (res != null ? 1 : 0);
        if (res != null) {
            p[off++] = (byte) res.type();
            p[off++] = (byte) res.scope();
            Bytes.put16(p, off, res.holderRelativeTargetPortId());
            off += 2;
            p[off++] = (byte) (holder != null ? 1 : 0);
            if (holder != null) off = putTransportId(p, off, holder);
        }
        assert off == p.length;
        return p;
    }

    private static int putTransportId(byte[] p, int off, byte[] id) {
        Bytes.put16(p, off, id.length);
        System.arraycopy(id, 0, p, off + 2, id.length);
        return off + 2 + id.length;
    }

    /** Refuses, at save time, a TransportID that would not read back as itself. */
    private static byte[] checkedTransportId(TransportId id) {
        byte[] b = id.encode();
        if (b.length > 0xFFFF || !id.equals(TransportId.decode(b, 0, b.length))) {
            throw new IllegalArgumentException("TransportID does not survive encoding: " + id.displayName());
        }
        return b;
    }

    private static void checkU8(String what, int v) {
        if (v < 0 || v > 0xFF) throw new IllegalArgumentException(what + " out of range: " + v);
    }

    private static void checkU16(String what, int v) {
        if (v < 0 || v > 0xFFFF) throw new IllegalArgumentException(what + " out of range: " + v);
    }

    private static final class MalformedPayload extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedPayload(String message) { super(message, null, false, false); }
    }

    /** Bounds-checked reader over the payload; any inconsistency is a {@link MalformedPayload}. */
    private static final class PayloadReader {
        private final byte[] b;
        private int off;

        PayloadReader(byte[] b, int off) {
            this.b = b;
            this.off = off;
        }

        PersistedReservations read() throws MalformedPayload {
            long count = u32("registration count");
            // Each registration takes at least 12 bytes plus a TransportID; reject absurd counts before allocating.
            if (count > (b.length - off) / 12) throw new MalformedPayload("registration count " + count + " exceeds the payload");
            List<PersistedReservations.Registration> regs = new ArrayList<>((int) count);
            for (int i = 0; i < count; i++) {
                int rtpi = u16("registration " + i + " relative target port id");
                long key = u64("registration " + i + " key");
                regs.add(new PersistedReservations.Registration(transportId("registration " + i), rtpi, key));
            }
            PersistedReservations.Reservation res = null;
            int present = u8("reservation flag");
            if (present > 1) throw new MalformedPayload("reservation flag " + present);
            if (present == 1) {
                int type = u8("reservation type");
                int scope = u8("reservation scope");
                int holderRtpi = u16("holder relative target port id");
                int hasHolder = u8("holder flag");
                if (hasHolder > 1) throw new MalformedPayload("holder flag " + hasHolder);
                TransportId holder = hasHolder == 1 ? transportId("holder") : null;
                res = new PersistedReservations.Reservation(type, scope, holder, holderRtpi);
            }
            if (off != b.length) throw new MalformedPayload((b.length - off) + " unexpected bytes after the state");
            return new PersistedReservations(regs, res);
        }

        private TransportId transportId(String what) throws MalformedPayload {
            int len = u16(what + " TransportID length");
            need(len, what + " TransportID");
            TransportId id;
            try {
                id = TransportId.decode(b, off, len);
            } catch (IllegalArgumentException e) { // e.g. an ISID spelled "-2": not a TransportID we wrote
                id = null;
            }
            if (id == null || TransportId.encodedLength(b, off, len) != len
                    || !Arrays.equals(id.encode(), 0, len, b, off, off + len)) {
                throw new MalformedPayload(what + " TransportID is not valid: " + Bytes.hex(b, off, Math.min(len, 32)));
            }
            off += len;
            return id;
        }

        private void need(int n, String what) throws MalformedPayload {
            if (b.length - off < n) throw new MalformedPayload(what + " runs past the end of the payload");
        }

        private int u8(String what) throws MalformedPayload { need(1, what); return Bytes.u8(b, off++); }

        private int u16(String what) throws MalformedPayload { need(2, what); int v = Bytes.u16(b, off); off += 2; return v; }

        private long u32(String what) throws MalformedPayload { need(4, what); long v = Bytes.u32(b, off); off += 4; return v; }

        private long u64(String what) throws MalformedPayload { need(8, what); long v = Bytes.u64(b, off); off += 8; return v; }
    }
}
