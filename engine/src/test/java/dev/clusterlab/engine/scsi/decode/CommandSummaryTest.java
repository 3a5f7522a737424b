package dev.clusterlab.engine.scsi.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.TransportId;
import org.junit.jupiter.api.Test;

/** One-line summaries in the style of sg_persist, for the sequence diagram. */
class CommandSummaryTest {

    @Test
    void preemptAndAbortShowsKeysAndType() {
        assertThat(ScsiDecoder.summarize(Cdbs.persistentReserveOut(PrOutAction.PREEMPT_AND_ABORT, 0, 5, 24), Cdbs.prOutParameters(0xB, 0xA, false, false)))
                .isEqualTo("PR OUT PREEMPT AND ABORT rk=0xb sark=0xa type=5 (WERO)");
    }

    @Test
    void reserveShowsTypeButNoServiceActionKey() {
        assertThat(ScsiDecoder.summarize(Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, 3, 24), Cdbs.prOutParameters(0xA, 0, false, false)))
                .isEqualTo("PR OUT RESERVE rk=0xa type=3 (EA)");
    }

    @Test
    void registerShowsFlagsAndSpecIptTransportIds() {
        byte[] params = Cdbs.prOutParameters(0, 0xA1, true, true, TransportId.Iscsi.port("iqn.x:b", 2));
        assertThat(ScsiDecoder.summarize(Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, params.length), params))
                .isEqualTo("PR OUT REGISTER rk=0x0 sark=0xa1 spec_i_pt tids=[iqn.x:b,i,0x000000000002] all_tg_pt aptpl");
    }

    @Test
    void registerAndIgnoreOmitsTheIgnoredKey() {
        assertThat(ScsiDecoder.summarize(Cdbs.persistentReserveOut(PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, 24),
                Cdbs.prOutParameters(0x55, 0xC, false, false))).isEqualTo("PR OUT REGISTER AND IGNORE EXISTING KEY sark=0xc");
    }

    @Test
    void registerAndMoveShowsDestination() {
        byte[] params = Cdbs.registerAndMoveParameters(0xA, 0xB, true, false, 2, new TransportId.FibreChannel(0x21));
        assertThat(ScsiDecoder.summarize(Cdbs.persistentReserveOut(PrOutAction.REGISTER_AND_MOVE, 0, 0, params.length), params))
                .isEqualTo("PR OUT REGISTER AND MOVE rk=0xa sark=0xb rtpi=2 tid=fc.0x0000000000000021 unreg");
    }

    @Test
    void prOutWithoutParametersSaysSo() {
        assertThat(ScsiDecoder.summarize(Cdbs.persistentReserveOut(PrOutAction.CLEAR, 0, 0, 24), null)).isEqualTo("PR OUT CLEAR params=0B");
    }

    @Test
    void prInShowsAllocationLength() {
        assertThat(ScsiDecoder.summarize(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 16384), null)).isEqualTo("PR IN READ KEYS alloc=16384");
    }

    @Test
    void readAndWriteShowLbaAndLength() {
        assertThat(ScsiDecoder.summarize(Cdbs.read10(2048, 8), null)).isEqualTo("READ(10) lba=2048 len=8");
        assertThat(ScsiDecoder.summarize(Cdbs.write16(1L << 33, 1), new byte[512])).isEqualTo("WRITE(16) lba=8589934592 len=1");
        assertThat(ScsiDecoder.summarize(Cdbs.read6(5, 0), null)).isEqualTo("READ(6) lba=5 len=256");
        assertThat(ScsiDecoder.summarize(Cdbs.writeSame16(0, 8, true), null)).isEqualTo("WRITE SAME(16) unmap lba=0 len=8");
    }

    @Test
    void otherCommandsShowTheirMainFields() {
        assertThat(ScsiDecoder.summarize(Cdbs.inquiry(true, 0x83, 255), null)).isEqualTo("INQUIRY evpd page=0x83 alloc=255");
        assertThat(ScsiDecoder.summarize(Cdbs.testUnitReady(), null)).isEqualTo("TEST UNIT READY");
        assertThat(ScsiDecoder.summarize(Cdbs.readCapacity16(32), null)).isEqualTo("READ CAPACITY(16) alloc=32");
        assertThat(ScsiDecoder.summarize(new byte[] {(byte) 0xC5, 0, 0, 0, 0, 0}, null)).isEqualTo("Vendor specific (C5h)");
    }
}
