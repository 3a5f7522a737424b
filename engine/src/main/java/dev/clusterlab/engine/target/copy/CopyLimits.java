package dev.clusterlab.engine.target.copy;

/**
 * What the copy manager of a simulated disk accepts in one EXTENDED COPY(LID1) parameter list. The
 * same numbers are reported by RECEIVE COPY RESULTS with OPERATING PARAMETERS (SPC-4 §6.18.4) and
 * enforced by {@link ExtendedCopyList#parse}, so an initiator that sizes its lists from the report
 * is never refused.
 */
public final class CopyLimits {
    private CopyLimits() {}

    /** Identification descriptor target descriptors per list (SPC-4 §6.3.4: more is 26h/06h). */
    public static final int MAX_TARGET_DESCRIPTORS = 16;
    /** Segment descriptors per list (more is 26h/08h). */
    public static final int MAX_SEGMENT_DESCRIPTORS = 64;
    /**
     * Target plus segment descriptor bytes (SPC-4 §6.3.1: more is 1Ah/00h). Large enough for the
     * most target and segment descriptors at once, so each count limit is reachable on its own.
     */
    public static final int MAX_DESCRIPTOR_LIST_LENGTH = 4096;
    /** No supported segment descriptor carries inline data; a non-zero INLINE DATA LENGTH is 26h/0Bh. */
    public static final int MAX_INLINE_DATA_LENGTH = 0;
    /** No supported segment descriptor holds data for RECEIVE DATA. */
    public static final int HELD_DATA_LIMIT = 0;
    /** Copies run to completion inside the command, so only one is ever in progress. */
    public static final int MAX_CONCURRENT_COPIES = 1;
    /** Copies are done in pieces of at most this many bytes, so a 65535-block segment needs no huge buffer. */
    static final int CHUNK_BYTES = 1 << 20;

    /** Descriptor type codes this copy manager implements, in ascending order (OPERATING PARAMETERS). */
    static final int[] IMPLEMENTED_DESCRIPTOR_TYPES = {ExtendedCopyList.BLOCK_TO_BLOCK, ExtendedCopyList.IDENTIFICATION_TARGET};

    /**
     * MAXIMUM SEGMENT LENGTH in bytes: a block-to-block segment moves at most 65535 blocks (its
     * NUMBER OF BLOCKS field is 16 bits wide) of the copying logical unit's block size.
     */
    public static long maxSegmentLength(int blockSize) { return 0xFFFFL * blockSize; }
}
