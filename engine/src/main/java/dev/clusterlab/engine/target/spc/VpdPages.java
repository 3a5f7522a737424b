package dev.clusterlab.engine.target.spc;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.copy.ThirdPartyCopyVpd;
import dev.clusterlab.engine.target.store.BlockStore;
import dev.clusterlab.engine.target.sbc.BlockLimits;
import java.nio.charset.StandardCharsets;

/** The vital product data pages of a simulated disk (SPC-4 §7.8, SBC-3 §6.6). */
final class VpdPages {
    private VpdPages() {}

    static final int SUPPORTED_PAGES = 0x00, UNIT_SERIAL_NUMBER = 0x80, DEVICE_IDENTIFICATION = 0x83,
            THIRD_PARTY_COPY = ThirdPartyCopyVpd.PAGE_CODE,
            BLOCK_LIMITS = 0xB0, BLOCK_DEVICE_CHARACTERISTICS = 0xB1, LOGICAL_BLOCK_PROVISIONING = 0xB2;
    /** In ascending order; THIRD_PARTY_COPY only when the command table serves EXTENDED COPY. */
    private static final int[] SUPPORTED = {SUPPORTED_PAGES, UNIT_SERIAL_NUMBER, DEVICE_IDENTIFICATION,
            THIRD_PARTY_COPY, BLOCK_LIMITS, BLOCK_DEVICE_CHARACTERISTICS, LOGICAL_BLOCK_PROVISIONING};

    /** The page, or null when it is not supported. */
    static byte[] page(CommandContext ctx, int code) {
        return switch (code) {
            case SUPPORTED_PAGES -> supportedPages(ThirdPartyCopyVpd.supported(ctx.lu().commands()));
            case UNIT_SERIAL_NUMBER -> serialNumber(ctx);
            case DEVICE_IDENTIFICATION -> deviceIdentification(ctx);
            case THIRD_PARTY_COPY -> ThirdPartyCopyVpd.page(ctx.lu().commands());
            case BLOCK_LIMITS -> blockLimits(ctx.lu().store());
            case BLOCK_DEVICE_CHARACTERISTICS -> blockDeviceCharacteristics();
            case LOGICAL_BLOCK_PROVISIONING -> logicalBlockProvisioning();
            default -> null;
        };
    }

    /** A page with its 4-byte header: device type 00h, page code, PAGE LENGTH. */
    private static byte[] newPage(int code, int pageLength) {
        byte[] d = new byte[4 + pageLength];
        d[1] = (byte) code;
        Bytes.put16(d, 2, pageLength);
        return d;
    }

    private static byte[] supportedPages(boolean thirdPartyCopy) {
        byte[] d = newPage(SUPPORTED_PAGES, SUPPORTED.length - (thirdPartyCopy ? 0 : 1));
        int n = 4;
        for (int code : SUPPORTED) if (code != THIRD_PARTY_COPY || thirdPartyCopy) d[n++] = (byte) code;
        return d;
    }

    private static byte[] serialNumber(CommandContext ctx) {
        byte[] s = ctx.lu().identity().serial().getBytes(StandardCharsets.US_ASCII);
        byte[] d = newPage(UNIT_SERIAL_NUMBER, s.length);
        System.arraycopy(s, 0, d, 4, s.length);
        return d;
    }

    /**
     * SPC-4 §7.8.6: the LU's NAA designator (association 00b), then, for the target port the command
     * came in on (association 01b), its relative target port identifier (type 4h), its target port
     * group (type 5h) and its name as a SCSI name string (type 8h, UTF-8, NUL-terminated and padded
     * to a multiple of 4).
     */
    private static byte[] deviceIdentification(CommandContext ctx) {
        byte[] naa = ctx.lu().identity().naa();
        TargetPort port = ctx.nexus().target();
        byte[] name = port.name().getBytes(StandardCharsets.UTF_8);
        int nameLen = Math.min(name.length, 251);
        int namePadded = (nameLen + 1 + 3) & ~3;
        int length = (4 + naa.length) + (4 + 4) + (4 + 4) + (4 + namePadded);
        byte[] d = newPage(DEVICE_IDENTIFICATION, length);
        int off = 4;
        off = designator(d, off, 0x1, 0x00, 0x3, naa.length);
        System.arraycopy(naa, 0, d, off, naa.length);
        off += naa.length;
        off = designator(d, off, 0x1, 0x10, 0x4, 4);
        Bytes.put16(d, off + 2, port.relativeId());
        off += 4;
        off = designator(d, off, 0x1, 0x10, 0x5, 4);
        Bytes.put16(d, off + 2, port.portGroupId());
        off += 4;
        off = designator(d, off, 0x3, 0x10, 0x8, namePadded);
        System.arraycopy(name, 0, d, off, nameLen);
        return d;
    }

    /** Writes a designation descriptor header; returns the offset of its designator. */
    private static int designator(byte[] d, int off, int codeSet, int association, int type, int length) {
        d[off] = (byte) codeSet;                 // PROTOCOL IDENTIFIER 0 (PIV=0), CODE SET
        d[off + 1] = (byte) (association | type); // PIV=0, ASSOCIATION, DESIGNATOR TYPE
        d[off + 3] = (byte) length;
        return off + 4;
    }

    /** SBC-3 §6.6.4. */
    private static byte[] blockLimits(BlockStore store) {
        byte[] d = newPage(BLOCK_LIMITS, 0x3C);
        d[4] = (byte) (BlockLimits.WRITE_SAME_NON_ZERO ? 0x01 : 0x00); // WSNZ
        d[5] = (byte) BlockLimits.MAX_COMPARE_AND_WRITE_LENGTH;
        Bytes.put16(d, 6, BlockLimits.optimalGranularity(store.blockSize()));
        Bytes.put32(d, 8, BlockLimits.MAX_TRANSFER_LENGTH);
        Bytes.put32(d, 12, BlockLimits.OPTIMAL_TRANSFER_LENGTH);
        Bytes.put32(d, 20, BlockLimits.MAX_UNMAP_LBA_COUNT);
        Bytes.put32(d, 24, BlockLimits.MAX_UNMAP_DESCRIPTORS);
        Bytes.put64(d, 36, BlockLimits.MAX_WRITE_SAME_LENGTH);
        // SBC-4 §6.6.4: MAXIMUM ATOMIC TRANSFER LENGTH; ATOMIC ALIGNMENT, ATOMIC TRANSFER LENGTH
        // GRANULARITY and the two atomic boundary fields stay 0 (no constraint, no boundaries).
        Bytes.put32(d, 44, BlockLimits.MAX_ATOMIC_TRANSFER_LENGTH);
        return d;
    }

    /**
     * SBC-3 §6.6.2: MEDIUM ROTATION RATE 0001h, a non-rotating medium. SBC-4 §6.6.3: WABEREQ and
     * WACEREQ 01b, a read after SANITIZE BLOCK ERASE or CRYPTO ERASE completes with GOOD (the
     * blocks are deallocated and read as zeros).
     */
    private static byte[] blockDeviceCharacteristics() {
        byte[] d = newPage(BLOCK_DEVICE_CHARACTERISTICS, 0x3C);
        Bytes.put16(d, 4, 0x0001);
        d[7] = 0x50; // WABEREQ 01b, WACEREQ 01b, NOMINAL FORM FACTOR not reported
        return d;
    }

    /**
     * SBC-3 §6.6.5: LBPU (UNMAP), LBPWS (WRITE SAME(16) with UNMAP), LBPWS10, LBPRZ; provisioning
     * type 010b, thin provisioned.
     */
    private static byte[] logicalBlockProvisioning() {
        byte[] d = newPage(LOGICAL_BLOCK_PROVISIONING, 4);
        d[5] = (byte) 0xE4;
        d[6] = 0x02;
        return d;
    }
}
