package dev.clusterlab.engine.target;

/**
 * How the medium of a logical unit behaves, fixed when the unit is built.
 *
 * @param removable the medium can be ejected and loaded with START STOP UNIT (LOEJ=1) and its
 *     removal prevented with PREVENT ALLOW MEDIUM REMOVAL; INQUIRY reports RMB=1 (SPC-4 §6.6.2)
 * @param writeProtected hardware write protection, like a write-protect switch: every command
 *     that would change the medium gets DATA PROTECT 27h/00h and MODE SENSE reports WP=1 (SBC-3
 *     §6.4.1). Unlike the Control page's SWP bit (SPC-4 §7.5.8) no initiator can turn it off.
 * @param logicalBlocksPerPhysicalBlockExponent LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT (SBC-3
 *     §5.16.2, READ CAPACITY(16) byte 13): a physical block holds 2^n logical blocks, 0..15. The
 *     physical block is what Block Limits' granularities are counted in (SBC-3 §6.6.4); lowest
 *     aligned LBA is always 0. Default 0 (a physical block is one logical block): libiscsi's
 *     GetLBAStatus.UnmapSingle assumes that.
 */
public record LuOptions(boolean removable, boolean writeProtected, int logicalBlocksPerPhysicalBlockExponent) {
    /** A fixed, writable disk: the default, and what a shared cluster disk is. */
    public static final LuOptions FIXED_WRITABLE = new LuOptions(false, false, 0);

    /** The 4-bit READ CAPACITY(16) field can say at most 2^15 logical blocks per physical block. */
    public static final int MAX_LOGICAL_BLOCKS_PER_PHYSICAL_BLOCK_EXPONENT = 15;

    public LuOptions {
        if (logicalBlocksPerPhysicalBlockExponent < 0
                || logicalBlocksPerPhysicalBlockExponent > MAX_LOGICAL_BLOCKS_PER_PHYSICAL_BLOCK_EXPONENT)
            throw new IllegalArgumentException("logical blocks per physical block exponent must be 0..15, was "
                    + logicalBlocksPerPhysicalBlockExponent);
    }

    /** One logical block per physical block. */
    public LuOptions(boolean removable, boolean writeProtected) { this(removable, writeProtected, 0); }

    public LuOptions withRemovable(boolean removable) {
        return new LuOptions(removable, writeProtected, logicalBlocksPerPhysicalBlockExponent);
    }

    public LuOptions withWriteProtected(boolean writeProtected) {
        return new LuOptions(removable, writeProtected, logicalBlocksPerPhysicalBlockExponent);
    }

    /** The same options with 2^{@code exponent} logical blocks in each physical block (0..15). */
    public LuOptions withLogicalBlocksPerPhysicalBlockExponent(int exponent) {
        return new LuOptions(removable, writeProtected, exponent);
    }

    /** 2^exponent: how many logical blocks one physical block holds. */
    public int logicalBlocksPerPhysicalBlock() { return 1 << logicalBlocksPerPhysicalBlockExponent; }
}
