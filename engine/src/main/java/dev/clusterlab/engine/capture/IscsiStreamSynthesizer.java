package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.PduCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * The iSCSI PDUs of one session (one I_T nexus) that would have carried a timeline's commands: a
 * one-step operational login, then per command a SCSI Command with immediate data and Data-Out for
 * the rest, Data-In for what the target returned, and a SCSI Response with status and sense. Tags
 * and sequence numbers follow RFC 7143 §3.2.2 (CmdSN/StatSN) so Wireshark pairs requests and
 * responses. Encoded with the engine's own {@link PduCodec}.
 */
final class IscsiStreamSynthesizer {
    /** MaxRecvDataSegmentLength both sides declare: no data segment is longer (RFC 7143 §13.12). */
    static final int MAX_SEGMENT = 8192;
    /** FirstBurstLength: all of a command's data-out may go unsolicited (InitialR2T=No, §13.11, §13.14). */
    static final int FIRST_BURST = 65536;
    private static final int COMMAND_WINDOW = 64;
    private static final int VERSION = 0;

    /** One PDU on the wire, and who sent it. */
    record Wire(boolean fromInitiator, byte[] bytes) {}

    private final String initiatorName, targetName;
    private final long isid;
    private final int tsih;
    private int nextItt = 1, cmdSn = 1, statSn = 0;

    IscsiStreamSynthesizer(String initiatorName, long isid, String targetName, int tsih) {
        this.initiatorName = initiatorName;
        this.isid = isid & 0xFFFF_FFFF_FFFFL;
        this.targetName = targetName;
        this.tsih = tsih;
    }

    /**
     * Login Request and Response straight to full feature phase (operational stage, no security
     * stage: §6.3 lets an initiator start there). InitiatorName, TargetName and the ISID let
     * Wireshark name the session.
     */
    List<Wire> login() {
        byte[] request = TextCodec.encode(List.of(new KeyValue("InitiatorName", initiatorName),
                new KeyValue("TargetName", targetName), new KeyValue("SessionType", "Normal"),
                new KeyValue("HeaderDigest", "None"), new KeyValue("DataDigest", "None"),
                new KeyValue("InitialR2T", "No"), new KeyValue("ImmediateData", "Yes"),
                new KeyValue("MaxRecvDataSegmentLength", Integer.toString(MAX_SEGMENT)),
                new KeyValue("FirstBurstLength", Integer.toString(FIRST_BURST)),
                new KeyValue("MaxBurstLength", "262144"), new KeyValue("ErrorRecoveryLevel", "0")));
        byte[] response = TextCodec.encode(List.of(new KeyValue("TargetPortalGroupTag", "1"),
                new KeyValue("HeaderDigest", "None"), new KeyValue("DataDigest", "None"),
                new KeyValue("InitialR2T", "No"), new KeyValue("ImmediateData", "Yes"),
                new KeyValue("MaxRecvDataSegmentLength", Integer.toString(MAX_SEGMENT)),
                new KeyValue("FirstBurstLength", Integer.toString(FIRST_BURST)),
                new KeyValue("MaxBurstLength", "262144"), new KeyValue("ErrorRecoveryLevel", "0")));
        int itt = 0;
        List<Wire> out = new ArrayList<>(2);
        out.add(new Wire(true, encode(new Pdu.LoginRequest(true, false, 1, 3, VERSION, VERSION, isid, 0, itt, 0,
                cmdSn, statSn, request))));
        out.add(new Wire(false, encode(new Pdu.LoginResponse(true, false, 1, 3, VERSION, VERSION, isid, tsih, itt,
                statSn, cmdSn, maxCmdSn(), 0, 0, response))));
        statSn++;
        return out;
    }

    /** A command's initiator task tag, chosen when the command is sent. */
    int nextTaskTag() { return nextItt; }

    /**
     * The SCSI Command PDU (with up to {@link #MAX_SEGMENT} bytes of immediate data) and Data-Out
     * PDUs for the rest of {@code dataOut}. {@code readLength} is the data-in the target will return.
     */
    List<Wire> command(long lun, byte[] cdb, byte[] dataOut, int readLength) {
        int itt = nextItt++;
        int immediate = Math.min(dataOut.length, MAX_SEGMENT);
        byte[] immediateData = immediate == dataOut.length ? dataOut : java.util.Arrays.copyOf(dataOut, immediate);
        List<Wire> out = new ArrayList<>(1 + dataOut.length / MAX_SEGMENT);
        boolean write = dataOut.length > 0, read = readLength > 0;
        // F is set when no unsolicited Data-Out follows (§11.3.1).
        out.add(new Wire(true, encode(new Pdu.ScsiCommand(false, immediate == dataOut.length, read, write, 1, lun, itt,
                dataOut.length + readLength, cmdSn, statSn, cdb16(cdb), immediateData))));
        cmdSn++;
        int dataSn = 0;
        for (int offset = immediate; offset < dataOut.length; offset += MAX_SEGMENT) {
            int len = Math.min(MAX_SEGMENT, dataOut.length - offset);
            byte[] piece = java.util.Arrays.copyOfRange(dataOut, offset, offset + len);
            out.add(new Wire(true, encode(new Pdu.DataOut(offset + len == dataOut.length, lun, itt, Pdu.RESERVED_TAG,
                    statSn, dataSn++, offset, piece))));
        }
        return out;
    }

    /**
     * Data-In PDUs carrying {@code dataIn} (already cut to what the command expected), then the SCSI
     * Response with {@code status} and, for CHECK CONDITION, fixed-format sense (§11.4.7).
     */
    List<Wire> completion(long lun, int itt, byte[] dataIn, ScsiStatus status, SenseData sense) {
        List<Wire> out = new ArrayList<>(2 + dataIn.length / MAX_SEGMENT);
        int dataSn = 0;
        for (int offset = 0; offset < dataIn.length; offset += MAX_SEGMENT) {
            int len = Math.min(MAX_SEGMENT, dataIn.length - offset);
            int flags = offset + len == dataIn.length ? Pdu.DataIn.FINAL : 0;
            out.add(new Wire(false, encode(new Pdu.DataIn(flags, 0, lun, itt, Pdu.RESERVED_TAG, 0, cmdSn, maxCmdSn(),
                    dataSn++, offset, 0, dataIn, offset, len))));
        }
        byte[] senseSegment = Pdu.NO_DATA;
        if (sense != null) {
            byte[] s = SenseCodec.encodeFixed(sense);
            senseSegment = new byte[2 + s.length];
            senseSegment[0] = (byte) (s.length >>> 8);
            senseSegment[1] = (byte) s.length;
            System.arraycopy(s, 0, senseSegment, 2, s.length);
        }
        out.add(new Wire(false, encode(new Pdu.ScsiResponse(0, 0, status.code(), itt, statSn, cmdSn, maxCmdSn(),
                dataSn, 0, 0, senseSegment))));
        statSn++;
        return out;
    }

    /**
     * A Task Management Function Request and its Response (§11.5, §11.6): {@code function} 2 ABORT
     * TASK SET, 3 CLEAR TASK SET, 5 LOGICAL UNIT RESET, 6 TARGET WARM RESET.
     */
    List<Wire> taskManagement(long lun, int function) {
        int itt = nextItt++;
        List<Wire> out = new ArrayList<>(2);
        out.add(new Wire(true, encode(new Pdu.TaskManagementRequest(true, function, lun, itt, Pdu.RESERVED_TAG, cmdSn,
                statSn, 0, 0))));
        out.add(new Wire(false, encode(new Pdu.TaskManagementResponse(0, itt, statSn, cmdSn, maxCmdSn()))));
        statSn++;
        return out;
    }

    private int maxCmdSn() { return cmdSn + COMMAND_WINDOW - 1; }

    /** The BHS holds 16 CDB bytes; longer CDBs (never used by the lab) are cut, shorter padded (§11.3.5). */
    private static byte[] cdb16(byte[] cdb) { return cdb.length == 16 ? cdb : java.util.Arrays.copyOf(cdb, 16); }

    private static byte[] encode(Pdu pdu) {
        ByteBuf buf = Unpooled.buffer(PduCodec.encodedLength(pdu, false, false));
        try {
            PduCodec.encode(pdu, buf, false, false);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    /** The 8-byte LUN field for LUN {@code n}: peripheral addressing below 256, flat space above (SAM-5 §4.7.7). */
    static long lunField(int n) {
        if (n < 256) return (long) n << 48;
        return (0x4000L | (n & 0x3FFF)) << 48;
    }
}
