package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One SCSI task on the wire (RFC 7143 §11.3-§11.8): builds the command PDU with immediate data and
 * any unsolicited Data-Out, answers R2Ts, reassembles Data-In and turns the final status into a
 * {@link ScsiResponse}. Used only on the session's event loop.
 */
final class CommandTask {
    /** Thrown when the target breaks the protocol for this task; the session fails the task with it. */
    static final class ProtocolViolation extends Exception {
        ProtocolViolation(String message) { super(message, null, false, false); }
    }

    /** Where the task's PDUs go: the connection, or a list in unit tests. */
    interface PduWriter {
        void write(Pdu pdu);

        void flush();
    }

    private static final int RESPONSE_FLAG_UNDERFLOW = 0x02;
    private static final int TASK_ATTRIBUTE_SIMPLE = 1;
    private static final int MAX_CDB = 16;

    final int itt;
    final ScsiRequest request;
    final long lun;
    final CompletableFuture<ScsiResponse> future = new CompletableFuture<>();
    int cmdSn;
    boolean issued;
    ScheduledFuture<?> timeout;
    private byte[] dataIn;
    private int received;
    private int nextDataSn;

    CommandTask(int itt, ScsiRequest request, long lun) {
        if (request.dataOut().length > 0 && request.dataInCapacity() > 0)
            throw new IllegalArgumentException("bidirectional commands are not supported");
        if (request.cdb().length > MAX_CDB) // longer CDBs need an extended-CDB AHS (§11.3.5), which we do not send
            throw new IllegalArgumentException("CDBs longer than 16 bytes are not supported");
        this.itt = itt;
        this.request = request;
        this.lun = lun;
    }

    /**
     * Writes the SCSI Command with as much immediate data as allowed, then unsolicited Data-Out up to
     * FirstBurstLength when InitialR2T=No (§13.10, §13.11); each data segment within the target's
     * MaxRecvDataSegmentLength (§13.12).
     */
    void issue(PduWriter ch, SessionParameters p, int cmdSn, int expStatSn) {
        this.cmdSn = cmdSn;
        this.issued = true;
        byte[] out = request.dataOut();
        int length = out.length;
        int immediate = p.immediateData() ? Math.min(length, Math.min(p.firstBurstLength(), p.targetMaxRecvDataSegmentLength())) : 0;
        int unsolicitedEnd = p.initialR2T() ? immediate : Math.min(length, p.firstBurstLength());
        boolean write = length > 0;
        int edtl = write ? length : request.dataInCapacity();
        ch.write(new Pdu.ScsiCommand(false, unsolicitedEnd == immediate, request.dataInCapacity() > 0, write,
                TASK_ATTRIBUTE_SIMPLE, lun, itt, edtl, cmdSn, expStatSn, request.cdb(), // the codec zero-pads to 16
                immediate == 0 ? Pdu.NO_DATA : Arrays.copyOf(out, immediate)));
        writeDataOut(ch, p, Pdu.RESERVED_TAG, immediate, unsolicitedEnd, expStatSn);
        ch.flush();
    }

    /**
     * Answers an R2T (§11.8): exactly the requested range — one burst, which the target keeps within
     * MaxBurstLength — in PDUs within the target's MaxRecvDataSegmentLength, DataSN restarting at 0.
     */
    void onReadyToTransfer(PduWriter ch, SessionParameters p, Pdu.ReadyToTransfer r, int expStatSn) throws ProtocolViolation {
        int length = request.dataOut().length;
        long end = (long) r.bufferOffset() + Integer.toUnsignedLong(r.desiredLength());
        if (r.desiredLength() == 0 || r.bufferOffset() < 0 || end > length)
            throw new ProtocolViolation("R2T for bytes " + r.bufferOffset() + ".." + end + " of a " + length + "-byte write");
        if (Integer.toUnsignedLong(r.desiredLength()) > p.maxBurstLength()) // §11.8: at most MaxBurstLength per R2T
            throw new ProtocolViolation("R2T asks for " + Integer.toUnsignedLong(r.desiredLength()) + " bytes, more than MaxBurstLength "
                    + p.maxBurstLength());
        writeDataOut(ch, p, r.ttt(), r.bufferOffset(), (int) end, expStatSn);
        ch.flush();
    }

    private void writeDataOut(PduWriter ch, SessionParameters p, int ttt, int from, int to, int expStatSn) {
        byte[] out = request.dataOut();
        int dataSn = 0;
        for (int off = from; off < to; ) {
            int n = Math.min(to - off, p.targetMaxRecvDataSegmentLength());
            ch.write(new Pdu.DataOut(off + n == to, lun, itt, ttt, expStatSn, dataSn++, off, Arrays.copyOfRange(out, off, off + n)));
            off += n;
        }
    }

    /** Places one Data-In (§11.7) into the read buffer; returns true when it carried the status. */
    boolean onDataIn(Pdu.DataIn d) throws ProtocolViolation {
        int capacity = request.dataInCapacity();
        long end = (long) d.bufferOffset() + d.dataLength();
        if (d.bufferOffset() < 0 || end > capacity)
            throw new ProtocolViolation("Data-In for bytes " + d.bufferOffset() + ".." + end + " beyond the " + capacity + "-byte buffer");
        if (d.dataSn() != nextDataSn) throw new ProtocolViolation("Data-In DataSN " + d.dataSn() + ", expected " + nextDataSn);
        nextDataSn++;
        if (d.dataLength() > 0) {
            if (dataIn == null) dataIn = new byte[capacity];
            System.arraycopy(d.data(), d.dataOffset(), dataIn, d.bufferOffset(), d.dataLength());
            if (end > received) received = (int) end;
        }
        return d.hasStatus();
    }

    /** The response for a status delivered by SCSI Response (§11.4) or by the last Data-In (status collapse). */
    ScsiResponse finish(int statusCode, int flags, int residual, byte[] responseData) throws ProtocolViolation {
        ScsiStatus status;
        try {
            status = ScsiStatus.fromCode(statusCode);
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolation("unknown SCSI status 0x" + Integer.toHexString(statusCode));
        }
        byte[] data = received == 0 ? Pdu.NO_DATA : (received == dataIn.length ? dataIn : Arrays.copyOf(dataIn, received));
        int underflow = (flags & RESPONSE_FLAG_UNDERFLOW) != 0 ? residual : 0;
        SenseData sense = null;
        if (status == ScsiStatus.CHECK_CONDITION) sense = sense(responseData);
        return new ScsiResponse(status, data, sense, underflow);
    }

    /**
     * Autosense (§11.4.7): a 2-byte SenseLength, then the sense data. A CHECK CONDITION without
     * usable sense becomes NO SENSE 00h/00h, because ScsiResponse requires sense with it.
     */
    private static SenseData sense(byte[] segment) {
        if (segment.length >= 2) {
            int len = ((segment[0] & 0xFF) << 8) | (segment[1] & 0xFF);
            byte[] sense = Arrays.copyOfRange(segment, 2, segment.length);
            SenseData decoded = SenseCodec.decode(sense, len);
            if (decoded != null) return decoded;
        }
        return SenseData.of(SenseKey.NO_SENSE, AdditionalSense.NO_ADDITIONAL_SENSE);
    }
}
