package dev.clusterlab.engine.target.copy;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.SenseData;
import java.util.ArrayList;
import java.util.List;

/**
 * An EXTENDED COPY(LID1) parameter list (SPC-4 §6.3.1, Table 108): a 16-byte header, target
 * descriptors, segment descriptors and inline data. {@link #parse} checks everything that can be
 * judged from the list alone and reports it as ILLEGAL REQUEST before any data moves; whether the
 * named logical units exist and the LBAs fit is decided while segments are processed
 * ({@link SegmentCopier}), and reported as COPY ABORTED.
 *
 * @param listId LIST IDENTIFIER (byte 0)
 * @param usage LIST ID USAGE (byte 1 bits 4-3)
 * @param targets the target descriptors, in list order (segment descriptors refer to them by index)
 * @param segments the segment descriptors, in the order they are processed
 */
public record ExtendedCopyList(int listId, ListIdUsage usage, List<TargetDescriptor> targets, List<Segment> segments) {

    public static final int HEADER_LENGTH = 16;
    /** Identification descriptor target descriptor (SPC-4 §6.3.6.2): the only target descriptor supported. */
    public static final int IDENTIFICATION_TARGET = 0xE4;
    public static final int TARGET_DESCRIPTOR_LENGTH = 32;
    /** Block device to block device segment descriptor (SPC-4 §6.3.7.5): the only segment descriptor supported. */
    public static final int BLOCK_TO_BLOCK = 0x02;
    public static final int BLOCK_TO_BLOCK_LENGTH = 28;
    /** The largest DESIGNATOR that fits in bytes 8-27 of a target descriptor. */
    static final int MAX_DESIGNATOR_LENGTH = 20;

    public static final AdditionalSense TOO_MANY_TARGET_DESCRIPTORS = new AdditionalSense(0x26, 0x06);
    public static final AdditionalSense UNSUPPORTED_TARGET_DESCRIPTOR_TYPE_CODE = new AdditionalSense(0x26, 0x07);
    public static final AdditionalSense TOO_MANY_SEGMENT_DESCRIPTORS = new AdditionalSense(0x26, 0x08);
    public static final AdditionalSense UNSUPPORTED_SEGMENT_DESCRIPTOR_TYPE_CODE = new AdditionalSense(0x26, 0x09);
    public static final AdditionalSense INLINE_DATA_LENGTH_EXCEEDED = new AdditionalSense(0x26, 0x0B);

    public ExtendedCopyList {
        targets = List.copyOf(targets);
        segments = List.copyOf(segments);
    }

    /** LIST ID USAGE (SPC-4 Table 109); 01b is reserved. */
    public enum ListIdUsage {
        /** 00b: the copy manager holds the results for RECEIVE COPY RESULTS. */
        HOLD,
        /** 10b: the list identifier is unique, but nothing need be held. */
        NO_HOLD,
        /** 11b: no list identifier; nothing is held. */
        NO_LIST_ID;

        static ListIdUsage of(int code) {
            return switch (code) {
                case 0 -> HOLD;
                case 2 -> NO_HOLD;
                case 3 -> NO_LIST_ID;
                default -> null;
            };
        }
    }

    /**
     * An Identification descriptor target descriptor with block device parameters (SPC-4 §6.3.6.2,
     * §6.3.6.8 block device type specific parameters).
     *
     * @param offset where the descriptor starts in the parameter list (for field pointers)
     * @param peripheralType PERIPHERAL DEVICE TYPE (byte 1 bits 4-0); LU ID TYPE and NUL, obsolete in SPC-4, are ignored
     * @param diskBlockLength DISK BLOCK LENGTH (bytes 29-31)
     */
    public record TargetDescriptor(int offset, int peripheralType, CopyTargetDesignator designator, int diskBlockLength) {}

    /** A segment descriptor; the sealed set grows with the segment types supported. */
    public sealed interface Segment permits BlockToBlock {
        /** Where the descriptor starts in the parameter list (for segment pointers). */
        int offset();

        int sourceIndex();

        int destinationIndex();
    }

    /**
     * Block device to block device (type 02h, SPC-4 §6.3.7.5).
     *
     * @param destinationCount DC: NUMBER OF BLOCKS counts destination blocks (else source blocks)
     * @param blocks BLOCK DEVICE NUMBER OF BLOCKS (0 moves nothing)
     */
    public record BlockToBlock(int offset, int sourceIndex, int destinationIndex, boolean destinationCount, int blocks,
                               long sourceLba, long destinationLba) implements Segment {}

    /**
     * Parses the first {@code length} bytes of {@code p}, which must hold at least that many. Throws
     * CHECK CONDITION, ILLEGAL REQUEST with the ASC of SPC-4 §6.3.1-§6.3.7 for a list this copy
     * manager cannot accept. Bytes after the inline data are ignored.
     */
    public static ExtendedCopyList parse(byte[] p, int length) {
        if (length < HEADER_LENGTH) throw CheckCondition.illegalRequest(AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
        ListIdUsage usage = ListIdUsage.of(Bytes.bits(p, 1, 3, 2));
        if (usage == null) throw CheckCondition.invalidFieldInParameterList(1, 4);
        int targetLength = Bytes.u16(p, 2);
        long segmentLength = Bytes.u32(p, 8);
        long inlineLength = Bytes.u32(p, 12);
        // SPC-4 §6.3.1: descriptors beyond MAXIMUM DESCRIPTOR LIST LENGTH, or a list that ends inside a
        // descriptor or the inline data, is a PARAMETER LIST LENGTH ERROR.
        if (targetLength + segmentLength > CopyLimits.MAX_DESCRIPTOR_LIST_LENGTH
                || HEADER_LENGTH + targetLength + segmentLength + inlineLength > length)
            throw CheckCondition.illegalRequest(AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
        if (inlineLength > CopyLimits.MAX_INLINE_DATA_LENGTH)
            throw new CheckCondition(SenseData.invalidField(INLINE_DATA_LENGTH_EXCEEDED, false, 12, -1));
        List<TargetDescriptor> targets = targets(p, HEADER_LENGTH, targetLength);
        List<Segment> segments = segments(p, HEADER_LENGTH + targetLength, (int) segmentLength);
        return new ExtendedCopyList(Bytes.u8(p, 0), usage, targets, segments);
    }

    private static List<TargetDescriptor> targets(byte[] p, int start, int length) {
        if (length / TARGET_DESCRIPTOR_LENGTH > CopyLimits.MAX_TARGET_DESCRIPTORS)
            throw new CheckCondition(SenseData.invalidField(TOO_MANY_TARGET_DESCRIPTORS, false, 2, -1));
        List<TargetDescriptor> out = new ArrayList<>(length / TARGET_DESCRIPTOR_LENGTH);
        for (int off = start, end = start + length; off < end; off += TARGET_DESCRIPTOR_LENGTH) {
            int type = Bytes.u8(p, off);
            // Every supported target descriptor is 32 bytes (SPC-4 §6.3.6.1), so an unsupported type is
            // reported before a length that would cut one short.
            if (type != IDENTIFICATION_TARGET)
                throw new CheckCondition(SenseData.invalidField(UNSUPPORTED_TARGET_DESCRIPTOR_TYPE_CODE, false, off, -1));
            if (end - off < TARGET_DESCRIPTOR_LENGTH) throw CheckCondition.invalidFieldInParameterList(2, -1);
            int designatorLength = Bytes.u8(p, off + 7);
            if (designatorLength > MAX_DESIGNATOR_LENGTH) throw CheckCondition.invalidFieldInParameterList(off + 7, -1);
            byte[] designator = java.util.Arrays.copyOfRange(p, off + 8, off + 8 + designatorLength);
            CopyTargetDesignator d = new CopyTargetDesignator(Bytes.bits(p, off + 4, 0, 4), Bytes.bits(p, off + 5, 4, 2),
                    Bytes.bits(p, off + 5, 0, 4), designator);
            out.add(new TargetDescriptor(off, Bytes.bits(p, off + 1, 0, 5), d, Bytes.u24(p, off + 29)));
        }
        return out;
    }

    private static List<Segment> segments(byte[] p, int start, int length) {
        List<Segment> out = new ArrayList<>();
        for (int off = start, end = start + length; off < end; ) {
            // Each segment descriptor starts with type, flags and DESCRIPTOR LENGTH (n-3) (SPC-4 §6.3.7.1).
            if (end - off < 4) throw CheckCondition.invalidFieldInParameterList(8, -1);
            int descriptorLength = 4 + Bytes.u16(p, off + 2);
            if (descriptorLength > end - off) throw CheckCondition.invalidFieldInParameterList(off + 2, -1);
            if (out.size() == CopyLimits.MAX_SEGMENT_DESCRIPTORS)
                throw new CheckCondition(SenseData.invalidField(TOO_MANY_SEGMENT_DESCRIPTORS, false, 8, -1));
            int type = Bytes.u8(p, off);
            if (type != BLOCK_TO_BLOCK)
                throw new CheckCondition(SenseData.invalidField(UNSUPPORTED_SEGMENT_DESCRIPTOR_TYPE_CODE, false, off, -1));
            if (descriptorLength != BLOCK_TO_BLOCK_LENGTH) throw CheckCondition.invalidFieldInParameterList(off + 2, -1);
            out.add(new BlockToBlock(off, Bytes.u16(p, off + 4), Bytes.u16(p, off + 6), Bytes.bit(p, off + 1, 1),
                    Bytes.u16(p, off + 10), Bytes.u64(p, off + 12), Bytes.u64(p, off + 20)));
            off += descriptorLength;
        }
        return out;
    }
}
