package dev.clusterlab.engine.target.copy;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseCodec;

/** The parameter data RECEIVE COPY RESULTS returns for EXTENDED COPY(LID1) (SPC-4 §6.18). */
final class CopyResultsData {
    private CopyResultsData() {}

    /** COPY MANAGER STATUS codes (SPC-4 §6.18.2). */
    static final int COMPLETED_WITHOUT_ERRORS = 0x01, COMPLETED_WITH_ERRORS = 0x02;
    /** TRANSFER COUNT UNITS: 00h bytes, then F1h-F6h for 2^10 ... 2^60 bytes (SPC-4 §6.18.2). */
    private static final int UNITS_BYTES = 0x00, UNITS_KIBIBYTES = 0xF1;

    /**
     * COPY STATUS (SPC-4 §6.18.2): AVAILABLE DATA 8, HDD=0 (no segment type here holds data), COPY
     * MANAGER STATUS, SEGMENTS PROCESSED, and the bytes written in the smallest unit that fits 32 bits.
     */
    static byte[] copyStatus(CopyOutcome o) {
        byte[] d = new byte[12];
        Bytes.put32(d, 0, 8);
        d[4] = (byte) (o.succeeded() ? COMPLETED_WITHOUT_ERRORS : COMPLETED_WITH_ERRORS);
        Bytes.put16(d, 5, Math.min(o.segmentsProcessed(), 0xFFFF));
        long count = o.bytesTransferred();
        int units = UNITS_BYTES;
        for (int shift = 10; count > 0xFFFF_FFFFL; shift += 10) {
            count = o.bytesTransferred() >>> shift;
            units = UNITS_KIBIBYTES + shift / 10 - 1;
        }
        d[7] = (byte) units;
        Bytes.put32(d, 8, count);
        return d;
    }

    /** RECEIVE DATA (SPC-4 §6.18.3): no supported segment descriptor holds data, so AVAILABLE DATA is 0. */
    static byte[] receiveData() { return new byte[4]; }

    /**
     * OPERATING PARAMETERS (SPC-4 §6.18.4): SNLID=1 (LIST ID USAGE 11b is accepted), the limits of
     * {@link CopyLimits}, DATA SEGMENT GRANULARITY log2(block size), and the implemented descriptor
     * type codes.
     */
    static byte[] operatingParameters(int blockSize) {
        int[] types = CopyLimits.IMPLEMENTED_DESCRIPTOR_TYPES;
        byte[] d = new byte[44 + types.length];
        Bytes.put32(d, 0, d.length - 4);
        d[4] = 0x01; // SNLID
        Bytes.put16(d, 8, CopyLimits.MAX_TARGET_DESCRIPTORS);
        Bytes.put16(d, 10, CopyLimits.MAX_SEGMENT_DESCRIPTORS);
        Bytes.put32(d, 12, CopyLimits.MAX_DESCRIPTOR_LIST_LENGTH);
        Bytes.put32(d, 16, Math.min(CopyLimits.maxSegmentLength(blockSize), 0xFFFF_FFFFL));
        Bytes.put32(d, 20, CopyLimits.MAX_INLINE_DATA_LENGTH);
        Bytes.put32(d, 24, CopyLimits.HELD_DATA_LIMIT);
        Bytes.put32(d, 28, 0); // MAXIMUM STREAM DEVICE TRANSFER SIZE: no stream devices
        Bytes.put16(d, 34, CopyLimits.MAX_CONCURRENT_COPIES); // TOTAL CONCURRENT COPIES
        d[36] = (byte) CopyLimits.MAX_CONCURRENT_COPIES;
        d[37] = (byte) Integer.numberOfTrailingZeros(blockSize);
        d[43] = (byte) types.length;
        for (int i = 0; i < types.length; i++) d[44 + i] = (byte) types[i];
        return d;
    }

    /**
     * FAILED SEGMENT DETAILS (SPC-4 §6.18.5): for a command that ended in CHECK CONDITION, its status
     * and sense data (fixed format); for one that ended GOOD, AVAILABLE DATA 0.
     */
    static byte[] failedSegmentDetails(CopyOutcome o) {
        if (o.succeeded()) return new byte[4];
        byte[] sense = SenseCodec.encodeFixed(o.failure());
        byte[] d = new byte[60 + sense.length];
        Bytes.put32(d, 0, d.length - 4);
        d[56] = (byte) ScsiStatus.CHECK_CONDITION.code();
        Bytes.put16(d, 58, sense.length);
        System.arraycopy(sense, 0, d, 60, sense.length);
        return d;
    }
}
