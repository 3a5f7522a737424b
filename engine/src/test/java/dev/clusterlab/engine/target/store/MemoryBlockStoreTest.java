package dev.clusterlab.engine.target.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MemoryBlockStoreTest {
    private static final long TIB_BLOCKS = (1L << 40) / 512;

    private static byte[] pattern(int blocks, int seed) {
        byte[] b = new byte[blocks * 512];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 31 + seed + 1);
        return b;
    }

    @Test
    void aOneTebibyteStoreAllocatesNothingUntilWritten() {
        MemoryBlockStore s = new MemoryBlockStore(512, TIB_BLOCKS);
        assertThat(s.blockCount()).isEqualTo(TIB_BLOCKS);
        assertThat(s.allocatedBytes()).isZero();
    }

    @Test
    void unwrittenBlocksReadAsZeros() {
        MemoryBlockStore s = new MemoryBlockStore(512, TIB_BLOCKS);
        byte[] dst = pattern(4, 7);
        s.read(TIB_BLOCKS - 4, 4, dst, 0);
        assertThat(dst).containsOnly(0);
    }

    @Test
    void writtenDataReadsBackAcrossChunkBoundaries() {
        MemoryBlockStore s = new MemoryBlockStore(512, 10_000);
        byte[] data = pattern(300, 3); // 150 KiB: spans three 64 KiB chunks
        s.write(100, 300, data, 0);
        byte[] back = new byte[data.length];
        s.read(100, 300, back, 0);
        assertThat(back).isEqualTo(data);
    }

    @Test
    void writingZerosToAnUnallocatedChunkAllocatesNothing() {
        MemoryBlockStore s = new MemoryBlockStore(512, 10_000);
        s.write(0, 128, new byte[128 * 512], 0);
        assertThat(s.allocatedBytes()).isZero();
    }

    @Test
    void writesHonourSourceAndDestinationOffsets() {
        MemoryBlockStore s = new MemoryBlockStore(512, 16);
        byte[] src = pattern(3, 9);
        s.write(5, 2, src, 512);
        byte[] dst = new byte[4 * 512];
        s.read(5, 2, dst, 1024);
        assertThat(Arrays.copyOfRange(dst, 1024, 2048)).isEqualTo(Arrays.copyOfRange(src, 512, 1536));
        assertThat(Arrays.copyOfRange(dst, 0, 1024)).containsOnly(0);
    }

    @Test
    void unmapOfWholeChunksFreesTheirMemory() {
        MemoryBlockStore s = new MemoryBlockStore(512, 1024); // 8 chunks of 128 blocks
        s.write(0, 1024 / 4, pattern(256, 1), 0);
        s.write(256, 256, pattern(256, 2), 0);
        long before = s.allocatedBytes();
        s.unmap(0, 256);
        assertThat(s.allocatedBytes()).isEqualTo(before - 2 * MemoryBlockStore.CHUNK_BYTES);
        byte[] dst = new byte[256 * 512];
        s.read(0, 256, dst, 0);
        assertThat(dst).containsOnly(0);
    }

    @Test
    void unmapOfPartOfAChunkZeroesOnlyThatPart() {
        MemoryBlockStore s = new MemoryBlockStore(512, 1024);
        byte[] data = pattern(10, 5);
        s.write(10, 10, data, 0);
        s.unmap(12, 3);
        byte[] back = new byte[10 * 512];
        s.read(10, 10, back, 0);
        byte[] expected = data.clone();
        Arrays.fill(expected, 2 * 512, 5 * 512, (byte) 0);
        assertThat(back).isEqualTo(expected);
        assertThat(s.allocatedBytes()).isEqualTo(MemoryBlockStore.CHUNK_BYTES);
    }

    @Test
    void unmapOfTheWholeTebibyteIsCheapAndFreesEverything() {
        MemoryBlockStore s = new MemoryBlockStore(512, TIB_BLOCKS);
        s.write(7, 1, pattern(1, 1), 0);
        s.write(TIB_BLOCKS - 1, 1, pattern(1, 2), 0);
        s.unmap(0, TIB_BLOCKS);
        assertThat(s.allocatedBytes()).isZero();
    }

    @Test
    void lastBlockIsAddressableAndOneBeyondIsNot() {
        MemoryBlockStore s = new MemoryBlockStore(4096, 10);
        s.write(9, 1, new byte[4096], 0);
        assertThatThrownBy(() -> s.write(10, 1, new byte[4096], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.read(9, 2, new byte[8192], 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void blockSizeMustBeAPowerOfTwoOfAtLeast512() {
        assertThatThrownBy(() -> new MemoryBlockStore(520, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemoryBlockStore(256, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemoryBlockStore(512, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The store behaves like a plain array of blocks, whatever the mix of writes and unmaps. */
    @Property(tries = 200)
    void behavesLikeAFlatArray(@ForAll @IntRange(min = 0, max = 599) int lba, @ForAll @IntRange(min = 1, max = 400) int blocks,
                               @ForAll @IntRange(min = 0, max = 599) int unmapLba, @ForAll @IntRange(min = 0, max = 400) int unmapBlocks) {
        int total = 1000;
        MemoryBlockStore s = new MemoryBlockStore(512, total);
        byte[] model = new byte[total * 512];
        byte[] data = pattern(blocks, lba);
        s.write(lba, blocks, data, 0);
        System.arraycopy(data, 0, model, lba * 512, data.length);
        s.unmap(unmapLba, unmapBlocks);
        Arrays.fill(model, unmapLba * 512, (unmapLba + unmapBlocks) * 512, (byte) 0);
        byte[] all = new byte[total * 512];
        s.read(0, total, all, 0);
        assertThat(all).isEqualTo(model);
    }

    // Provisioning status (GET LBA STATUS, SBC-3 §4.7.2): tracked per 64 KiB chunk.

    @Test
    void aFreshStoreIsOneUnmappedExtent() {
        MemoryBlockStore s = new MemoryBlockStore(512, TIB_BLOCKS);
        assertThat(s.mapped(12345)).isFalse();
        assertThat(s.extent(0, TIB_BLOCKS)).isEqualTo(TIB_BLOCKS);
    }

    @Test
    void writtenChunksAreMappedAndEndTheUnmappedExtentBeforeThem() {
        MemoryBlockStore s = new MemoryBlockStore(512, 10_000);
        s.write(1000, 1, pattern(1, 1), 0); // chunk 7: blocks 896-1023
        assertThat(s.mapped(1000)).isTrue();
        assertThat(s.mapped(896)).as("the whole chunk is mapped").isTrue();
        assertThat(s.extent(0, 10_000)).isEqualTo(896);
        assertThat(s.extent(900, 10_000)).isEqualTo(124);
        assertThat(s.extent(1024, 10_000)).isEqualTo(10_000 - 1024);
    }

    @Test
    void extentStopsAtMaxAndAtTheEndOfTheStore() {
        MemoryBlockStore s = new MemoryBlockStore(512, 1000);
        assertThat(s.extent(10, 5)).isEqualTo(5);
        assertThat(s.extent(990, 100)).isEqualTo(10);
    }

    @Test
    void zerosWrittenToAnUnallocatedChunkLeaveItUnmapped() {
        MemoryBlockStore s = new MemoryBlockStore(512, 1000);
        s.write(0, 4, new byte[4 * 512], 0);
        assertThat(s.mapped(0)).isFalse();
    }

    @Test
    void unmappingWholeChunksMakesThemUnmappedAgain() {
        MemoryBlockStore s = new MemoryBlockStore(512, 1000);
        s.write(0, 256, pattern(256, 2), 0);
        s.unmap(0, 128);
        assertThat(s.mapped(0)).isFalse();
        assertThat(s.mapped(128)).isTrue();
        assertThat(s.extent(0, 1000)).isEqualTo(128);
    }

    @Test
    void aHugeThinStoreCostsNothingUntilWrittenAndExtentsSkipUnallocatedSpace() {
        long blocks = 1L << 41; // 1 PiB of 512-byte blocks
        MemoryBlockStore huge = new MemoryBlockStore(512, blocks);
        byte[] one = new byte[512];
        one[0] = 7;
        huge.write(blocks - 1, 1, one, 0);
        assertThat(huge.allocatedBytes()).isEqualTo(MemoryBlockStore.CHUNK_BYTES);
        assertThat(huge.extent(0, blocks)).isEqualTo(blocks - MemoryBlockStore.CHUNK_BYTES / 512);
        assertThat(huge.mapped(blocks - 1)).isTrue();
        huge.unmap(0, blocks);
        assertThat(huge.allocatedBytes()).isZero();
    }
}
