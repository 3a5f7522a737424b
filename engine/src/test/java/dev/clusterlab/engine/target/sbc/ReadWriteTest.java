package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** READ and WRITE (6/10/12/16), SBC-3 §5.8-5.11 and §5.32-5.35. */
class ReadWriteTest {
    private final LogicalUnit lu = TestLus.small();

    private byte[] read(byte[] cdb, int bytes) {
        ScsiResponse r = dataIn(lu, cdb, bytes);
        assertGood(r);
        return r.dataIn();
    }

    @Test
    void unwrittenBlocksReadAsZeros() {
        assertThat(read(Cdbs.read10(100, 4), 4 * 512)).hasSize(2048).containsOnly(0);
    }

    @Test
    void everyWriteFormIsReadBackByEveryReadForm() {
        byte[][] writes = {Cdbs.write6(1, 2), Cdbs.write10(1, 2), Cdbs.write12(1, 2), Cdbs.write16(1, 2)};
        byte[][] reads = {Cdbs.read6(1, 2), Cdbs.read10(1, 2), Cdbs.read12(1, 2), Cdbs.read16(1, 2)};
        for (int i = 0; i < writes.length; i++) {
            byte[] data = filled(2, 0x10 + i);
            assertGood(dataOut(lu, writes[i], data));
            for (byte[] r : reads) assertThat(read(r, 1024)).isEqualTo(data);
        }
    }

    @Test
    @DisplayName("SBC-3 §5.8: READ(6) TRANSFER LENGTH 0 means 256 blocks")
    void read6WithTransferLengthZeroReads256Blocks() {
        assertThat(read(Cdbs.read6(0, 0), 256 * 512)).hasSize(256 * 512);
    }

    @Test
    void write6WithTransferLengthZeroWrites256Blocks() {
        assertGood(dataOut(lu, Cdbs.write6(0, 0), filled(256, 0x5A)));
        assertThat(read(Cdbs.read10(255, 1), 512)).containsOnly(0x5A);
    }

    @Test
    @DisplayName("SBC-3 §5.9: TRANSFER LENGTH 0 in READ(10) transfers nothing and is not an error")
    void read10WithTransferLengthZeroTransfersNothing() {
        ScsiResponse r = dataIn(lu, Cdbs.read10(0, 0), 512);
        assertGood(r);
        assertThat(r.dataIn()).isEmpty();
    }

    @Test
    void write16WithTransferLengthZeroWritesNothing() {
        assertGood(noData(lu, Cdbs.write16(0, 0)));
    }

    @Test
    void theLastBlockCanBeReadAndWritten() {
        assertGood(dataOut(lu, Cdbs.write16(BLOCKS - 1, 1), filled(1, 7)));
        assertThat(read(Cdbs.read16(BLOCKS - 1, 1), 512)).containsOnly(7);
    }

    @Test
    @DisplayName("SBC-3 §4.5: a range past the last block -> LBA OUT OF RANGE 21h/00h")
    void readPastTheLastBlockIsLbaOutOfRange_21h_00h() {
        assertCheck(dataIn(lu, Cdbs.read10(BLOCKS - 1, 2), 1024), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(dataIn(lu, Cdbs.read10(BLOCKS, 1), 512), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    void writePastTheLastBlockIsLbaOutOfRangeAndWritesNothing() {
        assertCheck(dataOut(lu, Cdbs.write10(BLOCKS - 1, 2), filled(2, 9)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertThat(read(Cdbs.read10(BLOCKS - 1, 1), 512)).containsOnly(0);
    }

    @Test
    @DisplayName("LBA + TRANSFER LENGTH overflowing 2^64 is LBA OUT OF RANGE, not a wrap-around")
    void lbaPlusLengthPast2To64IsLbaOutOfRange() {
        assertCheck(dataIn(lu, Cdbs.read16(0xFFFF_FFFF_FFFF_FFFFL, 2), 1024), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
        assertCheck(dataIn(lu, Cdbs.read16(0x8000_0000_0000_0000L, 1), 512), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    void zeroLengthAtTheCapacityIsAcceptedButBeyondItIsOutOfRange() {
        assertGood(dataIn(lu, Cdbs.read16(BLOCKS, 0), 0));
        assertCheck(dataIn(lu, Cdbs.read16(BLOCKS + 1, 0), 0), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    @DisplayName("Data-out shorter than TRANSFER LENGTH -> 0Eh/03h, nothing written (documented choice)")
    void dataOutShorterThanTheTransferIsRefusedAndWritesNothing() {
        assertCheck(dataOut(lu, Cdbs.write10(0, 2), filled(1, 3)), SenseKey.ILLEGAL_REQUEST, 0x0E, 0x03);
        assertThat(read(Cdbs.read10(0, 1), 512)).containsOnly(0);
    }

    @Test
    void fuaAndDpoAreAccepted() {
        byte[] w = Cdbs.write10(3, 1);
        w[1] = 0x18;
        assertGood(dataOut(lu, w, filled(1, 4)));
        byte[] r = Cdbs.read10(3, 1);
        r[1] = 0x18;
        assertThat(read(r, 512)).containsOnly(4);
    }

    @Test
    @DisplayName("RDPROTECT != 0: no protection information -> 24h/00h byte 1 bit 7")
    void rdprotectIsInvalidFieldInCdb() {
        byte[] c = Cdbs.read16(0, 1);
        c[1] = 0x20;
        assertInvalidCdbField(dataIn(lu, c, 512), 1, 7);
    }

    @Test
    void wrprotectIsInvalidFieldInCdb() {
        byte[] c = Cdbs.write12(0, 1);
        c[1] = (byte) 0xE0;
        assertInvalidCdbField(dataOut(lu, c, filled(1, 1)), 1, 7);
    }

    @Test
    void transferLengthAboveTheMaximumIsInvalidFieldInCdb() {
        assertInvalidCdbField(dataIn(lu, Cdbs.read12(0, BlockLimits.MAX_TRANSFER_LENGTH + 1), 512), 6, -1);
    }

    @Test
    void aReadLargerThanTheInitiatorsBufferIsCutToTheBuffer() {
        assertGood(dataOut(lu, Cdbs.write10(0, 2), filled(2, 8)));
        ScsiResponse r = dataIn(lu, Cdbs.read10(0, 2), 700);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(700).containsOnly(8);
    }

    @Test
    void groupNumberIsAccepted() {
        byte[] c = Cdbs.read10(0, 1);
        c[6] = 0x1F;
        assertGood(dataIn(lu, c, 512));
    }

    @Test
    void read6AddressesTwentyOneBitLbas() {
        LogicalUnit big = TestLus.builder(new MemoryBlockStore(512, 1 << 21)).build();
        assertGood(big.execute(A1, dev.clusterlab.engine.scsi.ScsiRequest.dataOut(Cdbs.write6(0x1F_FFFF, 1), filled(1, 6))));
        ScsiResponse r = dataIn(big, Cdbs.read16(0x1F_FFFF, 1), 512);
        assertThat(r.dataIn()).containsOnly(6);
    }

    @Test
    void reservedBitsOfRead6AboveTheLbaAreInvalidFieldInCdb() {
        byte[] c = Cdbs.read6(0, 1);
        c[1] = 0x20;
        assertInvalidCdbField(dataIn(lu, c, 512), 1, 5);
    }

    @Test
    void writeOnA4KiBLuUsesItsBlockSize() {
        LogicalUnit l = TestLus.builder(new MemoryBlockStore(4096, 16)).build();
        byte[] data = new byte[4096];
        Bytes.put32(data, 4092, 0xCAFEBABEL);
        assertGood(dataOut(l, Cdbs.write10(15, 1), data));
        assertThat(dataIn(l, Cdbs.read10(15, 1), 4096).dataIn()).isEqualTo(data);
    }
}
