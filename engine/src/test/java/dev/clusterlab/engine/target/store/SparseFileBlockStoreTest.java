package dev.clusterlab.engine.target.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparseFileBlockStoreTest {
    @TempDir Path dir;

    private static byte[] pattern(int blocks, int seed) {
        byte[] b = new byte[blocks * 512];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 7 + seed + 1);
        return b;
    }

    @Test
    void aNewFileIsEmptyAndReadsAsZerosEverywhere() throws Exception {
        Path f = dir.resolve("lu.img");
        try (SparseFileBlockStore s = SparseFileBlockStore.open(f, 512, 1L << 31)) {
            byte[] dst = pattern(2, 1);
            s.read((1L << 31) - 2, 2, dst, 0);
            assertThat(dst).containsOnly(0);
        }
        assertThat(Files.size(f)).isZero();
    }

    @Test
    void writtenDataReadsBackAndTheFileGrowsOnlyToTheLastWrittenBlock() throws Exception {
        Path f = dir.resolve("lu.img");
        try (SparseFileBlockStore s = SparseFileBlockStore.open(f, 512, 1000)) {
            byte[] data = pattern(3, 2);
            s.write(10, 3, data, 0);
            byte[] back = new byte[data.length];
            s.read(10, 3, back, 0);
            assertThat(back).isEqualTo(data);
            byte[] beyond = pattern(4, 3);
            s.read(12, 4, beyond, 0); // last written block, then three never written past the end of the file
            assertThat(Arrays.copyOfRange(beyond, 0, 512)).isEqualTo(Arrays.copyOfRange(data, 1024, 1536));
            assertThat(Arrays.copyOfRange(beyond, 512, 2048)).containsOnly(0);
        }
        assertThat(Files.size(f)).isEqualTo(13 * 512);
    }

    @Test
    void dataPersistsAcrossCloseAndReopen() {
        Path f = dir.resolve("lu.img");
        byte[] data = pattern(2, 4);
        try (SparseFileBlockStore s = SparseFileBlockStore.open(f, 512, 100)) {
            s.write(99, 1, data, 512);
            s.write(0, 1, data, 0);
            s.flush();
        }
        try (SparseFileBlockStore s = SparseFileBlockStore.open(f, 512, 100)) {
            byte[] back = new byte[1024];
            s.read(0, 1, back, 0);
            s.read(99, 1, back, 512);
            assertThat(back).isEqualTo(data);
        }
    }

    @Test
    void unmapInsideTheFileZeroesTheRange() {
        try (SparseFileBlockStore s = SparseFileBlockStore.open(dir.resolve("lu.img"), 512, 100)) {
            byte[] data = pattern(10, 5);
            s.write(0, 10, data, 0);
            s.unmap(2, 3);
            byte[] back = new byte[data.length];
            s.read(0, 10, back, 0);
            Arrays.fill(data, 2 * 512, 5 * 512, (byte) 0);
            assertThat(back).isEqualTo(data);
        }
    }

    @Test
    void unmapReachingTheEndOfTheFileTruncatesIt() throws Exception {
        Path f = dir.resolve("lu.img");
        try (SparseFileBlockStore s = SparseFileBlockStore.open(f, 512, 100)) {
            s.write(0, 10, pattern(10, 6), 0);
            s.unmap(4, 96);
            assertThat(Files.size(f)).isEqualTo(4 * 512);
            byte[] back = pattern(1, 1);
            s.read(5, 1, back, 0);
            assertThat(back).containsOnly(0);
        }
    }

    @Test
    void unmapPastTheEndOfTheFileChangesNothing() throws Exception {
        Path f = dir.resolve("lu.img");
        try (SparseFileBlockStore s = SparseFileBlockStore.open(f, 512, 100)) {
            s.write(0, 2, pattern(2, 6), 0);
            s.unmap(50, 50);
        }
        assertThat(Files.size(f)).isEqualTo(2 * 512);
    }

    @Test
    void rangesPastTheLastBlockAreRejected() {
        try (SparseFileBlockStore s = SparseFileBlockStore.open(dir.resolve("lu.img"), 512, 100)) {
            assertThatThrownBy(() -> s.write(100, 1, new byte[512], 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> s.unmap(99, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void ioFailuresSurfaceAsUncheckedIoExceptions() {
        SparseFileBlockStore s = SparseFileBlockStore.open(dir.resolve("lu.img"), 512, 100);
        s.close();
        assertThatThrownBy(() -> s.read(0, 1, new byte[512], 0)).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(s::flush).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void openingADirectoryFailsWithUncheckedIoException() {
        assertThatThrownBy(() -> SparseFileBlockStore.open(dir, 512, 100)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void blocksInsideTheFileAreMappedAndBlocksPastItsEndAreNot() {
        try (SparseFileBlockStore s = SparseFileBlockStore.open(dir.resolve("prov.img"), 512, 1000)) {
            assertThat(s.mapped(0)).isFalse();
            assertThat(s.extent(0, 1000)).isEqualTo(1000);
            s.write(99, 1, new byte[512], 0);
            assertThat(s.mapped(0)).isTrue();
            assertThat(s.extent(0, 1000)).isEqualTo(100);
            assertThat(s.mapped(100)).isFalse();
            assertThat(s.extent(100, 1000)).isEqualTo(900);
            s.unmap(50, 950);
            assertThat(s.extent(0, 1000)).as("truncated at the unmap").isEqualTo(50);
        }
    }
}
