package dev.clusterlab.engine.scsi.decode;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.OpcodeNames;
import dev.clusterlab.engine.scsi.decode.DecodedField.Severity;
import java.util.List;

/**
 * Decodes any CDB into named fields: the operation code, the per-command fields (from
 * {@link BlockCdbLayouts} and {@link SpcCdbLayouts}) and the CONTROL byte. Opcodes with no layout
 * show their remaining bytes raw.
 */
final class CdbDecoder {
    private CdbDecoder() {}

    private static final byte[] EMPTY = new byte[0];

    static DecodedField decode(byte[] cdb) {
        byte[] c = cdb == null ? EMPTY : cdb;
        if (c.length == 0) {
            FieldList f = new FieldList(c, 0, 1);
            f.truncated("Operation code", 0, 1);
            return DecodedField.node("CDB", "(empty)", 0, 0, f.finish());
        }
        int op = c[0] & 0xFF;
        int expected = expectedLength(c);
        FieldList f = new FieldList(c, 0, expected);
        f.code("Operation code", 0, 1, CdbDecoder::opcodeName);
        boolean laidOut = BlockCdbLayouts.decode(op, f) || SpcCdbLayouts.decode(op, f);
        if (laidOut) {
            control(f, expected - 1);
        } else {
            f.bytes("CDB bytes", 1, Math.max(expected, c.length) - 1);
        }
        if (c.length > expected && laidOut)
            f.annotate(f.bytes("Bytes past the CDB length", expected, c.length - expected), Severity.NOTE, "a " + expected + "-byte CDB was given " + c.length + " bytes");
        if (c.length < expected)
            f.marker("CDB length", c.length, Severity.WARNING, "CDB is " + c.length + " bytes; opcode " + Bytes.hexByte(op) + "h needs " + expected);
        return DecodedField.node(OpcodeNames.name(c) + " CDB", c.length + " bytes", 0, c.length, f.finish());
    }

    /** The opcode's name without the hex the field value adds anyway. */
    static String opcodeName(int op) {
        String listed = OpcodeNames.lookup(op);
        if (listed != null) return listed;
        return op >= 0xC0 ? "Vendor specific" : "Unknown opcode"; // SAM-5 §5.2: groups 6 and 7 are vendor specific
    }

    /**
     * The CDB length the opcode's group code implies (SPC-4 §4.2.5.1); for a variable-length CDB
     * (7Fh) 8 + ADDITIONAL CDB LENGTH; for reserved and vendor-specific groups, the bytes given.
     */
    static int expectedLength(byte[] c) {
        int op = c[0] & 0xFF;
        return switch (op >>> 5) {
            case 0 -> 6;
            case 1, 2 -> 10;
            case 3 -> op == 0x7F || op == 0x7E ? (c.length > 7 ? 8 + (c[7] & 0xFF) : 8) : c.length;
            case 4 -> 16;
            case 5 -> 12;
            default -> c.length;
        };
    }

    /** SAM-5 §5.2 CONTROL byte: vendor specific bits 7-6, NACA bit 2, obsolete bits 1-0. */
    private static void control(FieldList parent, int off) {
        byte[] c = parent.buffer();
        if (!parent.has(off, 1)) {
            parent.truncated("Control", off, 1);
            return;
        }
        FieldList f = new FieldList(c, off, off + 1);
        f.bits("Vendor specific", off, 6, 2);
        f.flag("NACA", off, 2);
        f.obsoleteBits(off, 0, 2);
        List<DecodedField> bits = f.finish();
        parent.add(parent.group("Control", Bytes.hexByte(c[off]) + "h", off, 1, bits));
    }
}
