package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.BlockStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** READ CAPACITY(10)/(16), SBC-3 §5.15-5.16; SYNCHRONIZE CACHE(10)/(16), SBC-3 §5.22-5.23. */
class CapacityTest {
    private final LogicalUnit lu = TestLus.small();

    @Test
    void readCapacity10ReturnsTheLastLbaAndBlockLength() {
        ScsiResponse r = dataIn(lu, Cdbs.readCapacity10(), 8);
        assertGood(r);
        assertThat(Bytes.u32(r.dataIn(), 0)).isEqualTo(BLOCKS - 1);
        assertThat(Bytes.u32(r.dataIn(), 4)).isEqualTo(BLOCK_SIZE);
    }

    @Test
    @DisplayName("SBC-3 §5.15.2: more than 2^32 blocks -> RETURNED LOGICAL BLOCK ADDRESS FFFFFFFFh")
    void readCapacity10SaturatesForHugeLus() {
        LogicalUnit big = TestLus.builder(new MemoryBlockStore(512, (1L << 32) + 1)).build();
        assertThat(Bytes.u32(dataIn(big, Cdbs.readCapacity10(), 8).dataIn(), 0)).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void readCapacity10OfExactly2To32BlocksReportsLastLbaFFFFFFFEh() {
        LogicalUnit l = TestLus.builder(new MemoryBlockStore(512, 0xFFFF_FFFFL)).build();
        assertThat(Bytes.u32(dataIn(l, Cdbs.readCapacity10(), 8).dataIn(), 0)).isEqualTo(0xFFFF_FFFEL);
    }

    @Test
    void readCapacity10WithLbaButNoPmiIsInvalidFieldInCdb() {
        byte[] c = Cdbs.readCapacity10();
        c[5] = 1;
        assertInvalidCdbField(dataIn(lu, c, 8), 2, -1);
    }

    @Test
    @DisplayName("SBC-3 §5.16.2: READ CAPACITY(16) with LBPME and LBPRZ set")
    void readCapacity16ReportsSixtyFourBitCapacityAndThinProvisioning() {
        LogicalUnit big = TestLus.builder(new MemoryBlockStore(4096, 1L << 40)).build();
        ScsiResponse r = dataIn(big, Cdbs.readCapacity16(32), 32);
        assertGood(r);
        byte[] d = r.dataIn();
        assertThat(d).hasSize(32);
        assertThat(Bytes.u64(d, 0)).isEqualTo((1L << 40) - 1);
        assertThat(Bytes.u32(d, 8)).isEqualTo(4096);
        assertThat(d[12]).as("no protection").isZero();
        assertThat(d[14] & 0xC0).isEqualTo(0xC0);
    }

    @Test
    void readCapacity16IsTruncatedByItsAllocationLength() {
        ScsiResponse r = dataIn(lu, Cdbs.readCapacity16(12), 32);
        assertGood(r);
        assertThat(r.dataIn()).hasSize(12);
    }

    @Test
    void readCapacity16WithLbaButNoPmiIsInvalidFieldInCdb() {
        byte[] c = Cdbs.readCapacity16(32);
        c[9] = 1;
        assertInvalidCdbField(dataIn(lu, c, 32), 2, -1);
    }

    /** Counts flushes so SYNCHRONIZE CACHE can be seen to reach the store. */
    private static final class CountingStore implements BlockStore {
        final MemoryBlockStore inner = new MemoryBlockStore(512, BLOCKS);
        int flushes;

        public int blockSize() { return inner.blockSize(); }

        public long blockCount() { return inner.blockCount(); }

        public void read(long lba, int blocks, byte[] dst, int off) { inner.read(lba, blocks, dst, off); }

        public void write(long lba, int blocks, byte[] src, int off) { inner.write(lba, blocks, src, off); }

        public void unmap(long lba, long blocks) { inner.unmap(lba, blocks); }

        public void flush() { flushes++; }

        public void close() {}
    }

    @Test
    void synchronizeCacheFlushesTheStore() {
        CountingStore s = new CountingStore();
        LogicalUnit l = TestLus.builder(s).build();
        assertGood(noData(l, Cdbs.synchronizeCache10(0, 0)));
        assertGood(noData(l, Cdbs.synchronizeCache16(10, 5)));
        assertThat(s.flushes).isEqualTo(2);
    }

    @Test
    void synchronizeCachePastTheLastBlockIsLbaOutOfRange() {
        assertCheck(noData(lu, Cdbs.synchronizeCache16(BLOCKS - 1, 2)), SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    @Test
    void synchronizeCacheWithImmedIsAccepted() {
        byte[] c = Cdbs.synchronizeCache10(0, 1);
        c[1] = 0x02;
        assertGood(noData(lu, c));
    }

    @Test
    void fuaWriteFlushesTheStore() {
        CountingStore s = new CountingStore();
        LogicalUnit l = TestLus.builder(s).build();
        byte[] c = Cdbs.write16(0, 1);
        c[1] = 0x08;
        assertGood(dataOut(l, c, filled(1, 1)));
        assertGood(dataOut(l, Cdbs.write16(0, 1), filled(1, 1)));
        assertThat(s.flushes).isEqualTo(1);
    }
}
