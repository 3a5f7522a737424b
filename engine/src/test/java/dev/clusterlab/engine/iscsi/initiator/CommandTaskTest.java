package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One task's PDUs without a network: Data-Out shaping (RFC 7143 §13.10-§13.14), Data-In and status mapping (§11.4, §11.7). */
class CommandTaskTest {
    private static final int TAG = 0x42;

    /** Collects what the task writes. */
    private static final class Wire implements CommandTask.PduWriter {
        final List<Pdu> pdus = new ArrayList<>();
        int flushes;

        public void write(Pdu pdu) { pdus.add(pdu); }

        public void flush() { flushes++; }

        List<Pdu.DataOut> dataOuts() {
            List<Pdu.DataOut> out = new ArrayList<>();
            for (Pdu p : pdus) if (p instanceof Pdu.DataOut d) out.add(d);
            return out;
        }
    }

    private static SessionParameters params(int targetMrdsl, int firstBurst, boolean initialR2T, boolean immediate) {
        return new SessionParameters(false, false, targetMrdsl, 262144, 262144, firstBurst, initialR2T, immediate, 1, 1);
    }

    private static CommandTask write(int bytes) {
        return new CommandTask(TAG, ScsiRequest.dataOut(Cdbs.write10(0, bytes / 512), Scsi.pattern(bytes, 1)), 0);
    }

    @Test
    void immediateDataIsCappedByFirstBurstAndTheTargetsMaxRecvDataSegmentLength() {
        Wire w = new Wire();
        write(100_000).issue(w, params(8192, 65536, true, true), 10, 5);
        Pdu.ScsiCommand cmd = (Pdu.ScsiCommand) w.pdus.get(0);
        assertThat(cmd.data()).hasSize(8192);
        assertThat(cmd.finalFlag()).isTrue(); // InitialR2T=Yes: nothing unsolicited follows
        assertThat(cmd.write()).isTrue();
        assertThat(cmd.expectedDataTransferLength()).isEqualTo(100_000);
        assertThat(cmd.cmdSn()).isEqualTo(10);
        assertThat(w.dataOuts()).isEmpty();
    }

    @Test
    void withInitialR2TNoUnsolicitedDataOutFillsTheFirstBurstInSegmentsOfTheTargetsLimit() {
        Wire w = new Wire();
        write(100_000).issue(w, params(8192, 65536, false, true), 1, 1);
        Pdu.ScsiCommand cmd = (Pdu.ScsiCommand) w.pdus.get(0);
        assertThat(cmd.finalFlag()).isFalse(); // unsolicited Data-Out follows (§11.3.4)
        List<Pdu.DataOut> d = w.dataOuts();
        assertThat(d).allSatisfy(p -> {
            assertThat(p.data().length).isLessThanOrEqualTo(8192);
            assertThat(p.ttt()).isEqualTo(Pdu.RESERVED_TAG);
        });
        assertThat(8192 + d.stream().mapToInt(p -> p.data().length).sum()).isEqualTo(65536);
        assertThat(d).extracting(Pdu.DataOut::dataSn).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(d.get(d.size() - 1).finalFlag()).isTrue();
        assertThat(d.subList(0, d.size() - 1)).noneMatch(Pdu.DataOut::finalFlag);
    }

    @Test
    void noImmediateDataMeansAnEmptyCommandPdu() {
        Wire w = new Wire();
        write(4096).issue(w, params(8192, 65536, true, false), 1, 1);
        assertThat(((Pdu.ScsiCommand) w.pdus.get(0)).data()).isEmpty();
    }

    @Test
    void r2tIsAnsweredWithExactlyTheRequestedRangeAndDataSnRestartingAtZero() throws Exception {
        Wire w = new Wire();
        CommandTask t = write(100_000);
        SessionParameters p = params(8192, 65536, true, false);
        t.issue(w, p, 1, 1);
        w.pdus.clear();
        t.onReadyToTransfer(w, p, new Pdu.ReadyToTransfer(0, TAG, 0x77, 2, 2, 9, 1, 40_000, 20_000), 3);
        List<Pdu.DataOut> d = w.dataOuts();
        assertThat(d).extracting(Pdu.DataOut::bufferOffset).containsExactly(40_000, 48_192, 56_384);
        assertThat(d).extracting(Pdu.DataOut::dataSn).containsExactly(0, 1, 2);
        assertThat(d).allSatisfy(x -> assertThat(x.ttt()).isEqualTo(0x77));
        assertThat(d.stream().mapToInt(x -> x.data().length).sum()).isEqualTo(20_000);
        assertThat(d.get(2).finalFlag()).isTrue();
    }

    @Test
    void r2tBeyondTheWriteIsAProtocolViolation() {
        CommandTask t = write(4096);
        assertThatThrownBy(() -> t.onReadyToTransfer(new Wire(), params(8192, 65536, true, false),
                new Pdu.ReadyToTransfer(0, TAG, 1, 0, 0, 0, 0, 0, 8192), 1)).isInstanceOf(CommandTask.ProtocolViolation.class);
    }

    @Test
    void r2tAskingForMoreThanMaxBurstLengthIsAProtocolViolation_11_8_6() {
        CommandTask t = write(1 << 20);
        SessionParameters p = new SessionParameters(false, false, 8192, 262144, 65536, 65536, true, false, 1, 1);
        assertThatThrownBy(() -> t.onReadyToTransfer(new Wire(), p, new Pdu.ReadyToTransfer(0, TAG, 1, 0, 0, 0, 0, 0, 131072), 1))
                .isInstanceOf(CommandTask.ProtocolViolation.class).hasMessageContaining("MaxBurstLength");
    }

    private static Pdu.DataIn dataIn(int flags, int status, int dataSn, int offset, byte[] data) {
        return new Pdu.DataIn(flags, status, 0, TAG, Pdu.RESERVED_TAG, 0, 0, 0, dataSn, offset, 0, data, 0, data.length);
    }

    @Test
    void dataInPiecesAreReassembledByBufferOffset() throws Exception {
        CommandTask t = new CommandTask(TAG, ScsiRequest.dataIn(Cdbs.read10(0, 2), 1024), 0);
        byte[] all = Scsi.pattern(1024, 9);
        assertThat(t.onDataIn(dataIn(0, 0, 0, 0, java.util.Arrays.copyOfRange(all, 0, 512)))).isFalse();
        assertThat(t.onDataIn(dataIn(0x81, 0, 1, 512, java.util.Arrays.copyOfRange(all, 512, 1024)))).isTrue();
        ScsiResponse r = t.finish(0, 0, 0, Pdu.NO_DATA);
        assertThat(r.status()).isEqualTo(ScsiStatus.GOOD);
        assertThat(r.dataIn()).isEqualTo(all);
    }

    @Test
    void dataInBeyondTheBufferIsAProtocolViolation() {
        CommandTask t = new CommandTask(TAG, ScsiRequest.dataIn(Cdbs.read10(0, 1), 512), 0);
        assertThatThrownBy(() -> t.onDataIn(dataIn(0x81, 0, 0, 256, new byte[512]))).isInstanceOf(CommandTask.ProtocolViolation.class);
    }

    @Test
    void dataInOutOfDataSnOrderIsAProtocolViolation() {
        CommandTask t = new CommandTask(TAG, ScsiRequest.dataIn(Cdbs.read10(0, 2), 1024), 0);
        assertThatThrownBy(() -> t.onDataIn(dataIn(0, 0, 1, 0, new byte[512]))).isInstanceOf(CommandTask.ProtocolViolation.class);
    }

    @Test
    void underflowResidualIsReportedWithTheShortData() throws Exception {
        CommandTask t = new CommandTask(TAG, ScsiRequest.dataIn(Cdbs.inquiry(255), 255), 0);
        t.onDataIn(dataIn(0x83, 0, 0, 0, new byte[36]));
        ScsiResponse r = t.finish(0, 0x02, 219, Pdu.NO_DATA);
        assertThat(r.dataIn()).hasSize(36);
        assertThat(r.residual()).isEqualTo(219);
    }

    @Test
    void checkConditionSenseIsTakenAfterTheTwoByteSenseLength() throws Exception {
        byte[] sense = SenseCodec.encodeFixed(SenseData.unitAttention(AdditionalSense.RESERVATIONS_PREEMPTED));
        byte[] segment = new byte[sense.length + 2];
        segment[1] = (byte) sense.length;
        System.arraycopy(sense, 0, segment, 2, sense.length);
        ScsiResponse r = new CommandTask(TAG, ScsiRequest.noData(Cdbs.testUnitReady()), 0).finish(0x02, 0, 0, segment);
        assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
        assertThat(r.sense().key()).isEqualTo(SenseKey.UNIT_ATTENTION);
        assertThat(r.sense().additional()).isEqualTo(AdditionalSense.RESERVATIONS_PREEMPTED);
    }

    @Test
    void checkConditionWithoutSenseBecomesNoSense() throws Exception {
        ScsiResponse r = new CommandTask(TAG, ScsiRequest.noData(Cdbs.testUnitReady()), 0).finish(0x02, 0, 0, Pdu.NO_DATA);
        assertThat(r.sense().key()).isEqualTo(SenseKey.NO_SENSE);
    }

    @Test
    void reservationConflictBusyAndTaskSetFullAreStatusesNotErrors() throws Exception {
        for (ScsiStatus s : new ScsiStatus[] {ScsiStatus.RESERVATION_CONFLICT, ScsiStatus.BUSY, ScsiStatus.TASK_SET_FULL}) {
            ScsiResponse r = new CommandTask(TAG, ScsiRequest.noData(Cdbs.testUnitReady()), 0).finish(s.code(), 0, 0, Pdu.NO_DATA);
            assertThat(r.status()).isEqualTo(s);
            assertThat(r.sense()).isNull();
        }
    }

    @Test
    void unknownStatusIsAProtocolViolation() {
        assertThatThrownBy(() -> new CommandTask(TAG, ScsiRequest.noData(Cdbs.testUnitReady()), 0).finish(0x99, 0, 0, Pdu.NO_DATA))
                .isInstanceOf(CommandTask.ProtocolViolation.class);
    }

    @Test
    void cdbsLongerThanSixteenBytesAreRefused() {
        assertThatThrownBy(() -> new CommandTask(TAG, ScsiRequest.noData(new byte[32]), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lunFieldUsesPeripheralAddressingBelow256AndFlatAbove() {
        assertThat(IscsiSession.lunField(1)).isEqualTo(0x0001_0000_0000_0000L);
        assertThat(IscsiSession.lunField(300)).isEqualTo(0x412C_0000_0000_0000L);
    }
}
