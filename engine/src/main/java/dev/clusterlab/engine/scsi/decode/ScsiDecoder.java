package dev.clusterlab.engine.scsi.decode;

/**
 * Field-by-field decoding of SCSI wire structures for display: every byte gets a named field with its
 * offset, reserved bits that are set are flagged, and short or damaged buffers decode as far as they
 * go. None of these methods throws, whatever the bytes.
 */
public final class ScsiDecoder {
    private ScsiDecoder() {}

    /** Any CDB: opcode, per-command fields, CONTROL; unknown opcodes show their bytes raw. */
    public static DecodedField decodeCdb(byte[] cdb) { return CdbDecoder.decode(cdb); }

    /** A PERSISTENT RESERVE OUT parameter list; the CDB selects the basic or the REGISTER AND MOVE format. */
    public static DecodedField decodePrOutParameters(byte[] cdb, byte[] params) { return PrOutParameterDecoder.decode(cdb, params); }

    /** PERSISTENT RESERVE IN parameter data; the CDB's service action selects the format. */
    public static DecodedField decodePrInResponse(byte[] cdb, byte[] data) { return PrInResponseDecoder.decode(cdb, data); }

    /** Sense data, fixed or descriptor format. */
    public static DecodedField decodeSense(byte[] sense) { return SenseDecoder.decode(sense); }

    /** One line in sg_persist style, e.g. {@code PR OUT PREEMPT AND ABORT rk=0xb sark=0xa type=5 (WERO)}. */
    public static String summarize(byte[] cdb, byte[] dataOut) { return CommandSummary.summarize(cdb, dataOut); }

    /** The tree as indented text with byte offsets, values, raw bytes and notes. */
    public static String render(DecodedField field) { return FieldRenderer.render(field); }
}
