package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * SCSI commands of one Normal session (RFC 7143 §11.3-§11.8): hands each command to its logical
 * unit, collects write data (immediate, unsolicited Data-Out, then one R2T at a time since
 * MaxOutstandingR2T=1), and returns read data in Data-In PDUs no larger than the initiator's
 * MaxRecvDataSegmentLength, with status collapsed into the last one for GOOD (§11.7.4).
 */
final class ScsiCommandFlow {
    /** Writes larger than this are refused before any buffer is allocated (a hostile EDTL). */
    static final int MAX_WRITE_LENGTH = 64 << 20;
    /** Write data buffered per connection at most; beyond it new writes get TASK SET FULL. */
    static final long MAX_BUFFERED_WRITES = 256L << 20;
    /** Capacity offered to data-in commands other than READ, so the LU's own length is known. */
    private static final int NON_READ_CAPACITY = 65_536;
    static final int FLAG_OVERFLOW = 0x04, FLAG_UNDERFLOW = 0x02;
    /** 0Eh/03h INVALID FIELD IN COMMAND INFORMATION UNIT: EDTL shorter than the CDB's transfer (FCP-4 §9.4.2 b). */
    static final AdditionalSense INVALID_FIELD_IN_INFORMATION_UNIT = new AdditionalSense(0x0E, 0x03);

    /** A write waiting for its data. */
    private static final class PendingWrite {
        final LogicalUnit lu;
        final Pdu.ScsiCommand command;
        final byte[] cdb;
        final byte[] buffer;
        final int flags;
        final int residual;
        int received;
        boolean unsolicited; // unsolicited Data-Out may still come (command F=0)
        int ttt = Pdu.RESERVED_TAG;
        int burstEnd;
        int r2tSn;
        int expectedDataSn;

        PendingWrite(LogicalUnit lu, Pdu.ScsiCommand command, byte[] cdb, int flags, int residual) {
            this.lu = lu;
            this.command = command;
            this.cdb = cdb;
            this.buffer = new byte[command.expectedDataTransferLength()];
            this.flags = flags;
            this.residual = residual;
        }
    }

    private final IscsiConnection conn;
    private final Session session;
    private final ItNexus nexus;
    private final NegotiatedParameters params;
    private final Map<Integer, PendingWrite> writes = new HashMap<>();
    private long buffered;
    private int nextTtt = 1;

    ScsiCommandFlow(IscsiConnection conn, Session session) {
        this.conn = conn;
        this.session = session;
        this.nexus = session.nexus();
        this.params = session.parameters();
    }

    private static long tag(int itt) { return itt & 0xFFFF_FFFFL; }

    void command(Pdu.ScsiCommand c) {
        int lun = LunAddress.decode(c.lun());
        LogicalUnit lu = session.target().unit(lun);
        if (lu == null) {
            missingUnit(c);
            return;
        }
        long edtl = c.expectedDataTransferLength() & 0xFFFF_FFFFL;
        long cdbLength = TransferLength.write(c.cdb(), lu.store().blockSize());
        if (cdbLength >= 0 && edtl != cdbLength && (c.write() || edtl == 0)) {
            writeWithResidual(lu, c, edtl, cdbLength);
            return;
        }
        if (c.write() && edtl != 0) startWrite(lu, c, c.cdb(), 0, 0);
        else execute(lu, c, Pdu.NO_DATA);
    }

    // ------------------------------------------------------------------------------------ writes

    /**
     * A WRITE whose CDB asks for a different length than EDTL (RFC 7143 §11.4.5, FCP-4 §9.4.2 a, as
     * libiscsi's iSCSIResiduals tests require): only data within both is written — the CDB is cut to
     * the whole blocks EDTL holds — and the response reports the overflow or underflow.
     */
    private void writeWithResidual(LogicalUnit lu, Pdu.ScsiCommand c, long edtl, long cdbLength) {
        if (edtl > cdbLength) {
            startWrite(lu, c, c.cdb(), FLAG_UNDERFLOW, (int) Math.min(Integer.MAX_VALUE, edtl - cdbLength));
            return;
        }
        int residual = (int) Math.min(Integer.MAX_VALUE, cdbLength - edtl);
        long blocks = edtl / lu.store().blockSize();
        byte[] cdb = TransferLength.withWriteBlocks(c.cdb(), blocks);
        if (cdb == null) { // WRITE(6) cannot say 0 blocks: nothing is written
            respond(lu, c, ScsiResponse.good(), 0, FLAG_OVERFLOW, residual);
            return;
        }
        if (edtl == 0) {
            ScsiResponse r = lu.execute(nexus, tag(c.itt()), new ScsiRequest(cdb, Pdu.NO_DATA, 0));
            respond(lu, c, r, 0, FLAG_OVERFLOW, residual);
        } else {
            startWrite(lu, c, cdb, FLAG_OVERFLOW, residual);
        }
    }

    private void startWrite(LogicalUnit lu, Pdu.ScsiCommand c, byte[] cdb, int flags, int residual) {
        int edtl = c.expectedDataTransferLength();
        if (edtl < 0 || edtl > MAX_WRITE_LENGTH) {
            respond(lu, c, ScsiResponse.checkCondition(SenseData.illegalRequest(INVALID_FIELD_IN_INFORMATION_UNIT)), 0, 0, 0);
            return;
        }
        if (buffered + edtl > MAX_BUFFERED_WRITES || writes.containsKey(c.itt())) {
            respond(lu, c, new ScsiResponse(ScsiStatus.TASK_SET_FULL, Pdu.NO_DATA, null, 0), 0, 0, 0);
            return;
        }
        PendingWrite w = new PendingWrite(lu, c, cdb, flags, residual);
        int immediate = Math.min(c.data().length, edtl);
        System.arraycopy(c.data(), 0, w.buffer, 0, immediate);
        w.received = immediate;
        w.unsolicited = !c.finalFlag() && !params.initialR2T(); // §13.10: InitialR2T=Yes forbids unsolicited Data-Out
        writes.put(c.itt(), w);
        buffered += edtl;
        lu.taskSet().begin(nexus, tag(c.itt()));
        if (w.received == edtl) finishWrite(w);
        else if (!w.unsolicited) requestData(w);
    }

    /** R2T for the next burst (§11.8): offset = what we have, length <= MaxBurstLength, never 0. */
    private void requestData(PendingWrite w) {
        int length = Math.min(params.maxBurstLength(), w.buffer.length - w.received);
        w.ttt = nextTtt;
        nextTtt = nextTtt == 0x7FFF_FFFF ? 1 : nextTtt + 1;
        w.burstEnd = w.received + length;
        w.expectedDataSn = 0; // DataSN restarts for every R2T sequence (§11.7.5)
        conn.send(new Pdu.ReadyToTransfer(w.command.lun(), w.command.itt(), w.ttt, conn.statSn(), conn.expCmdSn(),
                conn.maxCmdSn(), w.r2tSn++, w.received, length));
    }

    void dataOut(Pdu.DataOut d) {
        PendingWrite w = writes.get(d.itt());
        if (w == null) return; // the task already ended (aborted, or answered early): its data is dropped
        boolean solicited = d.ttt() != Pdu.RESERVED_TAG;
        int len = d.data().length;
        String error = null;
        if (solicited ? d.ttt() != w.ttt : !w.unsolicited) error = "Data-Out with an unexpected target transfer tag";
        else if (d.dataSn() != w.expectedDataSn) error = "Data-Out DataSN " + d.dataSn() + ", expected " + w.expectedDataSn;
        else if (d.bufferOffset() != w.received) error = "Data-Out buffer offset " + d.bufferOffset() + ", expected " + w.received;
        else if ((long) w.received + len > (solicited ? w.burstEnd : Math.min(w.buffer.length, params.firstBurstLength())))
            error = "Data-Out beyond the " + (solicited ? "R2T" : "first burst");
        if (error != null) { // the task fails, the session lives on (§7.1.4.1: Reject, then the initiator's recovery)
            failWrite(w, d, error);
            return;
        }
        System.arraycopy(d.data(), 0, w.buffer, w.received, len);
        w.received += len;
        w.expectedDataSn++;
        if (!d.finalFlag()) return;
        if (solicited && w.received != w.burstEnd) {
            failWrite(w, d, "R2T sequence ended short of the requested length");
            return;
        }
        if (!solicited) w.unsolicited = false;
        if (w.received == w.buffer.length) finishWrite(w);
        else requestData(w);
    }

    /** Rejects the Data-Out (libiscsi then fails the command) and drops the task; later data for it is ignored. */
    private void failWrite(PendingWrite w, Pdu.DataOut d, String error) {
        conn.dataSequenceError(error);
        abortTask(w.lu, w.command.itt());
        conn.reject(dev.clusterlab.engine.iscsi.pdu.Opcodes.REJECT_PROTOCOL_ERROR, d);
    }

    private void finishWrite(PendingWrite w) {
        writes.remove(w.command.itt());
        buffered -= w.buffer.length;
        ScsiResponse r = w.lu.execute(nexus, tag(w.command.itt()), new ScsiRequest(w.cdb, w.buffer, 0));
        w.lu.taskSet().end(nexus, tag(w.command.itt()));
        respond(w.lu, w.command, r, 0, w.flags, w.residual, w.r2tSn);
    }

    /** Tasks of this session that task management or PREEMPT AND ABORT aborted (SAM-5 §5.6). */
    void aborted(LogicalUnit lu, long[] tags, boolean reportTaskAborted) {
        for (long t : tags) {
            PendingWrite w = writes.get((int) t);
            if (w == null || w.lu != lu) continue;
            writes.remove((int) t);
            buffered -= w.buffer.length;
            if (reportTaskAborted)
                respond(lu, w.command, new ScsiResponse(ScsiStatus.TASK_ABORTED, Pdu.NO_DATA, null, 0), 0, 0, 0);
        }
    }

    /** ABORT TASK of a write waiting for data; false when no such task. */
    boolean abortTask(LogicalUnit lu, int itt) {
        PendingWrite w = writes.get(itt);
        if (w == null || w.lu != lu) return false;
        writes.remove(itt);
        buffered -= w.buffer.length;
        lu.taskSet().end(nexus, tag(itt));
        return true;
    }

    /** The session ends: pending writes are dropped (the caller reports I_T nexus loss). */
    void clear() {
        writes.clear();
        buffered = 0;
    }

    // ------------------------------------------------------------------------------------ execution and status

    private void execute(LogicalUnit lu, Pdu.ScsiCommand c, byte[] dataOut) {
        int edtl = c.expectedDataTransferLength();
        long readLength = TransferLength.read(c.cdb(), lu.store().blockSize());
        int capacity;
        if (readLength >= 0) capacity = (int) Math.max(edtl & 0xFFFF_FFFFL, Math.min(readLength, Integer.MAX_VALUE - 8));
        else capacity = c.read() ? Math.max(edtl, NON_READ_CAPACITY) : 0;
        if (capacity < 0) capacity = Integer.MAX_VALUE - 8;
        ScsiResponse r = lu.execute(nexus, tag(c.itt()), new ScsiRequest(c.cdb(), dataOut, capacity));
        int natural = r.dataIn().length;
        int flags = 0, residual = 0;
        if (c.read() || readLength >= 0) {
            if (edtl >= 0 && natural > edtl) {
                flags = FLAG_OVERFLOW;
                residual = natural - edtl;
            } else if (natural < edtl && (r.isGood() || natural == 0)) {
                flags = FLAG_UNDERFLOW;
                residual = edtl - natural;
            }
        }
        respond(lu, c, r, Math.min(natural, Math.max(edtl, 0)), flags, residual);
    }

    /** Sends data-in (if any) and status: collapsed into the last Data-In for GOOD, else a SCSI Response. */
    private void respond(LogicalUnit lu, Pdu.ScsiCommand c, ScsiResponse r, int dataLength, int flags, int residual) {
        respond(lu, c, r, dataLength, flags, residual, 0);
    }

    /** @param r2ts R2Ts sent for the command: with the Data-In count they make ExpDataSN (§11.4.6) */
    private void respond(LogicalUnit lu, Pdu.ScsiCommand c, ScsiResponse r, int dataLength, int flags, int residual, int r2ts) {
        int dataSn = r2ts;
        if (dataLength > 0) {
            boolean collapse = r.isGood();
            dataSn = sendDataIn(c, r.dataIn(), dataLength, collapse, flags, residual);
            if (collapse) return;
        }
        byte[] sense = Pdu.NO_DATA;
        if (r.sense() != null) {
            boolean descriptor = lu != null && lu.state().mode().descriptorSense();
            byte[] s = SenseCodec.encode(r.sense(), descriptor);
            sense = new byte[2 + s.length]; // §11.4.7: SenseLength then sense data
            sense[0] = (byte) (s.length >>> 8);
            sense[1] = (byte) s.length;
            System.arraycopy(s, 0, sense, 2, s.length);
        }
        conn.send(new Pdu.ScsiResponse(flags, 0, r.status().code(), c.itt(), conn.nextStatSn(), conn.expCmdSn(),
                conn.maxCmdSn(), dataSn, 0, residual, sense));
    }

    /** @return the number of Data-In PDUs sent (the ExpDataSN a separate SCSI Response carries) */
    private int sendDataIn(Pdu.ScsiCommand c, byte[] data, int length, boolean withStatus, int flags, int residual) {
        int segment = params.initiatorMaxRecvDataSegmentLength();
        int burst = params.maxBurstLength();
        int dataSn = 0;
        for (int off = 0; off < length; ) {
            int burstEnd = (int) Math.min((long) (off / burst + 1) * burst, length);
            int n = Math.min(segment, burstEnd - off);
            boolean last = off + n == length;
            int f = off + n == burstEnd ? Pdu.DataIn.FINAL : 0; // F ends each sequence (§11.7.1)
            int statSn = 0, status = 0, res = 0;
            if (last && withStatus) {
                f |= Pdu.DataIn.STATUS | flags;
                statSn = conn.nextStatSn();
                res = residual;
            } else {
                statSn = conn.statSn();
            }
            conn.send(new Pdu.DataIn(f, status, 0, c.itt(), Pdu.RESERVED_TAG, statSn, conn.expCmdSn(), conn.maxCmdSn(),
                    dataSn++, off, res, data, off, n));
            off += n;
        }
        return dataSn;
    }

    // ------------------------------------------------------------------------------------ LUNs that do not exist

    /**
     * SPC-4 §4.6.20 / §6.6.2: INQUIRY to a LUN that is not there returns PERIPHERAL QUALIFIER 011b
     * with type 1Fh, REPORT LUNS is answered (by LUN 0), REQUEST SENSE returns 25h/00h as data, and
     * everything else is CHECK CONDITION ILLEGAL REQUEST 25h/00h LOGICAL UNIT NOT SUPPORTED.
     */
    private void missingUnit(Pdu.ScsiCommand c) {
        byte[] cdb = c.cdb();
        int edtl = Math.max(c.expectedDataTransferLength(), 0);
        switch (cdb[0] & 0xFF) {
            case 0xA0 -> execute(session.target().unit(0), c, Pdu.NO_DATA);
            case 0x12 -> dataOnly(c, MissingUnitData.inquiry(cdb), edtl);
            case 0x03 -> dataOnly(c, MissingUnitData.requestSense(cdb), edtl);
            default -> respond(null, c, ScsiResponse.checkCondition(SenseData.of(SenseKey.ILLEGAL_REQUEST,
                    AdditionalSense.LOGICAL_UNIT_NOT_SUPPORTED)), 0, 0, 0);
        }
    }

    private void dataOnly(Pdu.ScsiCommand c, byte[] data, int edtl) {
        int n = Math.min(data.length, edtl);
        int flags = data.length > edtl ? FLAG_OVERFLOW : data.length < edtl ? FLAG_UNDERFLOW : 0;
        respond(null, c, new ScsiResponse(ScsiStatus.GOOD, data, null, 0), n, flags, Math.abs(edtl - data.length));
    }
}
