package dev.clusterlab.engine.target.copy;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.target.LogicalUnit;
import java.io.ByteArrayOutputStream;

/**
 * Builds EXTENDED COPY(LID1) parameter lists the way libiscsi's test tool does (iscsi-support.c:
 * populate_param_header, populate_tgt_desc, populate_seg_desc_b2b), plus the two CDBs.
 */
final class XcopyLists {
    private XcopyLists() {}

    static final int HOLD = 0, NO_HOLD = 2, NO_LIST_ID = 3;

    /** EXTENDED COPY(LID1): 83h, service action 00h, PARAMETER LIST LENGTH in bytes 10-13. */
    static byte[] extendedCopyCdb(long parameterListLength) {
        byte[] c = new byte[16];
        c[0] = (byte) Opcode.EXTENDED_COPY;
        Bytes.put32(c, 10, parameterListLength);
        return c;
    }

    /** RECEIVE COPY RESULTS: 84h, service action, LIST IDENTIFIER in byte 2, ALLOCATION LENGTH in bytes 10-13. */
    static byte[] receiveCopyResultsCdb(int serviceAction, int listId, long allocation) {
        byte[] c = new byte[16];
        c[0] = (byte) Opcode.RECEIVE_COPY_RESULTS;
        c[1] = (byte) serviceAction;
        c[2] = (byte) listId;
        Bytes.put32(c, 10, allocation);
        return c;
    }

    /** The 16-byte header (SPC-4 Table 108). */
    static byte[] header(int listId, int usage, int targetLength, long segmentLength, long inlineLength) {
        byte[] h = new byte[16];
        h[0] = (byte) listId;
        h[1] = (byte) ((usage & 3) << 3);
        Bytes.put16(h, 2, targetLength);
        Bytes.put32(h, 8, segmentLength);
        Bytes.put32(h, 12, inlineLength);
        return h;
    }

    /** An E4h descriptor naming {@code lu} by its NAA designator (as found in its VPD page 83h). */
    static byte[] target(LogicalUnit lu) { return target(0xE4, 0, lu.identity().naa(), lu.store().blockSize()); }

    /** A 32-byte target descriptor: type, byte 1 (LU ID TYPE / NUL / PERIPHERAL DEVICE TYPE), NAA designator, block length. */
    static byte[] target(int type, int byte1, byte[] naa, int blockLength) {
        byte[] d = new byte[32];
        d[0] = (byte) type;
        d[1] = (byte) byte1;
        if (type == 0xE4) {
            d[4] = 0x01;            // CODE SET binary
            d[5] = 0x03;            // ASSOCIATION LU, DESIGNATOR TYPE NAA
            d[7] = (byte) naa.length;
            System.arraycopy(naa, 0, d, 8, naa.length);
        }
        d[29] = (byte) (blockLength >>> 16);
        d[30] = (byte) (blockLength >>> 8);
        d[31] = (byte) blockLength;
        return d;
    }

    /** A 28-byte block-to-block segment descriptor (type 02h, DESCRIPTOR LENGTH 0018h). */
    static byte[] blockToBlock(int sourceIndex, int destinationIndex, int blocks, long sourceLba, long destinationLba) {
        byte[] d = new byte[28];
        d[0] = 0x02;
        Bytes.put16(d, 2, 0x18);
        Bytes.put16(d, 4, sourceIndex);
        Bytes.put16(d, 6, destinationIndex);
        Bytes.put16(d, 10, blocks);
        Bytes.put64(d, 12, sourceLba);
        Bytes.put64(d, 20, destinationLba);
        return d;
    }

    /** A segment descriptor of another type with just its header (libiscsi populate_seg_desc_hdr). */
    static byte[] segmentHeaderOnly(int type, int length) {
        byte[] d = new byte[length];
        d[0] = (byte) type;
        Bytes.put16(d, 2, length - 4);
        return d;
    }

    /** Header for {@code targets} and {@code segments}, then both. */
    static byte[] list(int listId, int usage, byte[][] targets, byte[][] segments) {
        ByteArrayOutputStream t = new ByteArrayOutputStream(), s = new ByteArrayOutputStream();
        for (byte[] d : targets) t.writeBytes(d);
        for (byte[] d : segments) s.writeBytes(d);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(listId, usage, t.size(), s.size(), 0));
        out.writeBytes(t.toByteArray());
        out.writeBytes(s.toByteArray());
        return out.toByteArray();
    }

    /** The usual list: one E4h descriptor for {@code lu} and one block-to-block segment within it. */
    static byte[] simple(LogicalUnit lu, int listId, int usage, int blocks, long sourceLba, long destinationLba) {
        return list(listId, usage, new byte[][] {target(lu)},
                new byte[][] {blockToBlock(0, 0, blocks, sourceLba, destinationLba)});
    }

    static byte[][] repeat(byte[] d, int n) {
        byte[][] out = new byte[n][];
        java.util.Arrays.fill(out, d);
        return out;
    }
}
