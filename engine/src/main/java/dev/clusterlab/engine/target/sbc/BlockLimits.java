package dev.clusterlab.engine.target.sbc;

/**
 * The limits a simulated disk advertises in the Block Limits VPD page (SBC-3 §6.6.4) and enforces.
 * Counts are in logical blocks.
 */
public final class BlockLimits {
    private BlockLimits() {}

    /**
     * MAXIMUM TRANSFER LENGTH: longer READ/WRITE/VERIFY(BYTCHK) requests get 24h/00h. 65536 because
     * initiators (libiscsi's WriteSame16.Unmap among them) write 65536 blocks in one WRITE(16)
     * without consulting this page.
     */
    public static final int MAX_TRANSFER_LENGTH = 65536;
    /** OPTIMAL TRANSFER LENGTH. */
    public static final int OPTIMAL_TRANSFER_LENGTH = 2048;
    /** MAXIMUM COMPARE AND WRITE LENGTH. */
    public static final int MAX_COMPARE_AND_WRITE_LENGTH = 16;
    /**
     * MAXIMUM UNMAP LBA COUNT: the sum over one UNMAP's descriptors. 2^20, the most that libiscsi's
     * Inquiry.BlockLimits accepts as sane for an explicit limit.
     */
    public static final long MAX_UNMAP_LBA_COUNT = 0x10_0000L;
    /** MAXIMUM UNMAP BLOCK DESCRIPTOR COUNT. */
    public static final int MAX_UNMAP_DESCRIPTORS = 256;
    /** MAXIMUM WRITE SAME LENGTH. */
    public static final long MAX_WRITE_SAME_LENGTH = 0x40_0000L;
    /**
     * WSNZ=1: WRITE SAME with NUMBER OF LOGICAL BLOCKS zero ("to the end of the medium") is refused
     * with 24h/00h rather than writing up to a whole LU in one command.
     */
    public static final boolean WRITE_SAME_NON_ZERO = true;

    /**
     * MAXIMUM ATOMIC TRANSFER LENGTH (SBC-4 §6.6.4): every write is atomic because the engine loop
     * runs one command at a time, so any transfer a WRITE ATOMIC(16) can carry qualifies. ATOMIC
     * ALIGNMENT and ATOMIC TRANSFER LENGTH GRANULARITY are 0 (no constraint), and atomic boundaries
     * are not supported (both boundary fields 0).
     */
    public static final int MAX_ATOMIC_TRANSFER_LENGTH = MAX_TRANSFER_LENGTH;

    /** OPTIMAL TRANSFER LENGTH GRANULARITY: 4 KiB, the page size initiators align their I/O to. */
    public static int optimalGranularity(int blockSize) { return Math.max(1, 4096 / blockSize); }
}
