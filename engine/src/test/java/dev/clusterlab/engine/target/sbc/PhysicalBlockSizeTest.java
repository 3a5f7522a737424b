package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuOptions;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Logical blocks per physical block (LuOptions.logicalBlocksPerPhysicalBlockExponent): READ
 * CAPACITY(16) LBPPBE (SBC-3 §5.16.2), Block Limits granularities in physical blocks (SBC-3 §6.6.4),
 * and unaligned WRITE SAME unmaps still completing (libiscsi WriteSame10/16.UnmapUnaligned).
 */
class PhysicalBlockSizeTest {
    private static final int EXPONENT = 3;
    private static final int PER_PHYSICAL = 1 << EXPONENT;

    private final MemoryBlockStore store = new MemoryBlockStore(BLOCK_SIZE, BLOCKS);
    private final LogicalUnit lu = TestLus.builder(store).logicalBlocksPerPhysicalBlockExponent(EXPONENT).build();

    private static byte[] readCapacity16(LogicalUnit unit) {
        var r = dataIn(unit, Cdbs.readCapacity16(32), 32);
        assertGood(r);
        return r.dataIn();
    }

    private static byte[] blockLimits(LogicalUnit unit) {
        var r = dataIn(unit, Cdbs.inquiry(true, 0xB0, 64), 64);
        assertGood(r);
        return r.dataIn();
    }

    private byte[] read(long lba, int blocks) { return dataIn(lu, Cdbs.read16(lba, blocks), blocks * BLOCK_SIZE).dataIn(); }

    @Test
    @DisplayName("SBC-3 §5.16.2: READ CAPACITY(16) byte 13 bits 3-0 carry the exponent; LOWEST ALIGNED LBA 0")
    void readCapacity16ReportsTheExponentAndLowestAlignedLbaZero() {
        byte[] d = readCapacity16(lu);
        assertThat(d[13] & 0x0F).isEqualTo(EXPONENT);
        assertThat(d[13] & 0xF0).as("P_I_EXPONENT").isZero();
        assertThat(d[14] & 0x3F).as("LOWEST ALIGNED LBA, high bits").isZero();
        assertThat(d[15]).as("LOWEST ALIGNED LBA, low byte").isZero();
        assertThat(d[14] & 0xC0).as("LBPME, LBPRZ unchanged").isEqualTo(0xC0);
    }

    @Test
    void defaultUnitHasOneLogicalBlockPerPhysicalBlock() {
        assertThat(readCapacity16(TestLus.small())[13]).isZero();
    }

    @Test
    void theLargestExponentFitsTheFourBitField() {
        LogicalUnit l = TestLus.builder(store).logicalBlocksPerPhysicalBlockExponent(15).build();
        assertThat(readCapacity16(l)[13] & 0xFF).isEqualTo(15);
    }

    @Test
    @DisplayName("SBC-3 §6.6.4: OPTIMAL TRANSFER LENGTH GRANULARITY is whole physical blocks")
    void optimalTransferGranularityIsAtLeastOnePhysicalBlock() {
        assertThat(Bytes.u16(blockLimits(lu), 6)).as("8 x 512 = 4 KiB either way").isEqualTo(8);
        LogicalUnit sixteen = TestLus.builder(store).logicalBlocksPerPhysicalBlockExponent(4).build();
        assertThat(Bytes.u16(blockLimits(sixteen), 6)).isEqualTo(16);
        LogicalUnit big = TestLus.builder(new MemoryBlockStore(4096, 64)).logicalBlocksPerPhysicalBlockExponent(1).build();
        assertThat(Bytes.u16(blockLimits(big), 6)).as("4096-byte blocks, 2 per physical block").isEqualTo(2);
    }

    @Test
    @DisplayName("SBC-3 §6.6.4: OPTIMAL UNMAP GRANULARITY one physical block, UGAVALID=1, alignment 0")
    void unmapGranularityIsOnePhysicalBlockAlignedAtLbaZero() {
        byte[] d = blockLimits(lu);
        assertThat(Bytes.u32(d, 28)).isEqualTo(PER_PHYSICAL);
        assertThat(d[32] & 0x80).as("UGAVALID").isEqualTo(0x80);
        assertThat(Bytes.u32(d, 32) & 0x7FFF_FFFFL).as("UNMAP GRANULARITY ALIGNMENT").isZero();
    }

    @Test
    @DisplayName("libiscsi Inquiry.BlockLimits: MAXIMUM UNMAP LBA COUNT is at least 2^LBPPBE")
    void maximumUnmapLbaCountCoversAPhysicalBlock() {
        LogicalUnit l = TestLus.builder(store).logicalBlocksPerPhysicalBlockExponent(15).build();
        assertThat(Bytes.u32(blockLimits(l), 20)).isGreaterThanOrEqualTo(1L << 15);
    }

    @Test
    @DisplayName("libiscsi WriteSame10.UnmapUnaligned: UNMAP=1 with a pattern at every unaligned start is GOOD and writes it")
    void unalignedWriteSame10WithUnmapAndAPatternWritesThePattern() {
        byte[] pattern = filled(1, 0xA6);
        for (int i = 1; i < PER_PHYSICAL; i++) {
            assertGood(dataOut(lu, Cdbs.writeSame10(i, PER_PHYSICAL - i, true), pattern));
            assertThat(read(i, PER_PHYSICAL - i)).containsOnly((byte) 0xA6);
        }
        assertThat(read(0, 1)).as("LBA 0 untouched").containsOnly(0);
    }

    @Test
    @DisplayName("libiscsi WriteSame16.UnmapUnaligned: NDOB unmaps of a partial physical block are GOOD and exact")
    void unalignedWriteSame16NdobUnmapDeallocatesExactlyTheBlocks() {
        assertGood(dataOut(lu, Cdbs.write16(0, 2 * PER_PHYSICAL), filled(2 * PER_PHYSICAL, 7)));
        for (int i = PER_PHYSICAL - 1; i >= 1; i--) {
            byte[] c = Cdbs.writeSame16(i, PER_PHYSICAL - i, true);
            c[1] |= 0x01; // NDOB
            assertGood(noData(lu, c));
            assertThat(read(i, PER_PHYSICAL - i)).containsOnly(0);
            assertThat(read(i - 1, 1)).as("block before").containsOnly(7);
        }
        assertThat(read(PER_PHYSICAL, PER_PHYSICAL)).as("next physical block").containsOnly(7);
    }

    @Test
    void optionsDefaultToExponentZeroAndKeepTheOtherFlags() {
        assertThat(LuOptions.FIXED_WRITABLE.logicalBlocksPerPhysicalBlockExponent()).isZero();
        assertThat(new LuOptions(true, true).logicalBlocksPerPhysicalBlockExponent()).isZero();
        LuOptions o = new LuOptions(true, false).withLogicalBlocksPerPhysicalBlockExponent(3).withWriteProtected(true);
        assertThat(o).isEqualTo(new LuOptions(true, true, 3));
        assertThat(o.logicalBlocksPerPhysicalBlock()).isEqualTo(8);
        assertThat(o.withRemovable(false).logicalBlocksPerPhysicalBlockExponent()).isEqualTo(3);
    }

    @Test
    void exponentOutsideTheFourBitFieldIsRejectedWhenTheOptionsAreMade() {
        assertThatThrownBy(() -> new LuOptions(false, false, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LuOptions.FIXED_WRITABLE.withLogicalBlocksPerPhysicalBlockExponent(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderAndLunDefinitionCarryTheExponent() {
        assertThat(lu.options().logicalBlocksPerPhysicalBlockExponent()).isEqualTo(EXPONENT);
        LogicalUnit viaOptions = TestLus.builder(store).options(LuOptions.FIXED_WRITABLE.withLogicalBlocksPerPhysicalBlockExponent(2))
                .removable(true).build();
        assertThat(viaOptions.options()).isEqualTo(new LuOptions(true, false, 2));
        var def = new LunDefinition("d", store, AptplStore.NONE, new LuOptions(false, false, 3));
        assertThat(def.options().logicalBlocksPerPhysicalBlock()).isEqualTo(8);
    }

    @Test
    @DisplayName("The exponent changes what is reported, not the logical block size or capacity")
    void exponentLeavesBlockLengthAndCapacityAlone() {
        byte[] d = readCapacity16(lu);
        assertThat(Bytes.u64(d, 0)).isEqualTo(BLOCKS - 1);
        assertThat(Bytes.u32(d, 8)).isEqualTo(BLOCK_SIZE);
        assertThat(Arrays.copyOfRange(readCapacity16(TestLus.small()), 0, 12)).isEqualTo(Arrays.copyOfRange(d, 0, 12));
    }
}
