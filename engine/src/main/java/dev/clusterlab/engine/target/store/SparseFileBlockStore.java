package dev.clusterlab.engine.target.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A medium kept in a sparse file, so a logical unit survives restarts of the lab. The file only
 * grows as far as the highest block written; everything past its end reads as zeros, and on file
 * systems with holes the unwritten parts inside it cost no space either.
 *
 * <p>UNMAP: Java has no portable way to punch a hole, so a range that reaches the end of the file
 * truncates the file (space is freed); a range inside the file is overwritten with zeros (it reads
 * as zeros, as LBPRZ promises, but its space stays allocated). Positional I/O throughout, so
 * concurrent readers and writers never share a file position.
 */
public final class SparseFileBlockStore implements BlockStore {
    private static final int ZERO_BUFFER_BYTES = 64 * 1024;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZERO_BUFFER_BYTES).asReadOnlyBuffer();

    private final Path path;
    private final FileChannel channel;
    private final int blockSize;
    private final long blockCount;

    private SparseFileBlockStore(Path path, FileChannel channel, int blockSize, long blockCount) {
        this.path = path;
        this.channel = channel;
        this.blockSize = blockSize;
        this.blockCount = blockCount;
    }

    /**
     * Opens {@code path}, creating it (empty, hence all zeros) if it does not exist. An existing file
     * keeps its data; bytes beyond {@code blockCount} blocks are ignored.
     */
    public static SparseFileBlockStore open(Path path, int blockSize, long blockCount) {
        if (blockSize < 512 || Integer.bitCount(blockSize) != 1)
            throw new IllegalArgumentException("block size must be a power of two >= 512: " + blockSize);
        if (blockCount <= 0 || blockCount > Long.MAX_VALUE / blockSize)
            throw new IllegalArgumentException("block count out of range: " + blockCount);
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, StandardOpenOption.SPARSE);
            return new SparseFileBlockStore(path, ch, blockSize, blockCount);
        } catch (IOException e) {
            throw BlockStore.io("cannot open " + path, e);
        }
    }

    public Path path() { return path; }

    @Override
    public int blockSize() { return blockSize; }

    @Override
    public long blockCount() { return blockCount; }

    @Override
    public void read(long lba, int blocks, byte[] dst, int dstOffset) {
        checkRange(lba, blocks);
        int len = blocks * blockSize;
        ByteBuffer buf = ByteBuffer.wrap(dst, dstOffset, len);
        long pos = lba * blockSize;
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, pos);
                if (n < 0) break; // past the end of the file: never written, reads as zeros
                pos += n;
            }
        } catch (IOException e) {
            throw BlockStore.io("read of " + blocks + " blocks at LBA " + lba + " from " + path, e);
        }
        if (buf.hasRemaining()) Arrays.fill(dst, buf.position(), dstOffset + len, (byte) 0);
    }

    @Override
    public void write(long lba, int blocks, byte[] src, int srcOffset) {
        checkRange(lba, blocks);
        ByteBuffer buf = ByteBuffer.wrap(src, srcOffset, blocks * blockSize);
        long pos = lba * blockSize;
        try {
            while (buf.hasRemaining()) pos += channel.write(buf, pos);
        } catch (IOException e) {
            throw BlockStore.io("write of " + blocks + " blocks at LBA " + lba + " to " + path, e);
        }
    }

    @Override
    public void unmap(long lba, long blocks) {
        checkRange(lba, blocks);
        if (blocks == 0) return;
        long from = lba * blockSize, to = (lba + blocks) * blockSize;
        try {
            long size = channel.size();
            if (from >= size) return; // nothing stored there
            if (to >= size) {
                channel.truncate(from);
                return;
            }
            for (long pos = from; pos < to; ) {
                ByteBuffer z = ZEROS.duplicate();
                z.limit((int) Math.min(ZERO_BUFFER_BYTES, to - pos));
                pos += channel.write(z, pos);
            }
        } catch (IOException e) {
            throw BlockStore.io("unmap of " + blocks + " blocks at LBA " + lba + " in " + path, e);
        }
    }

    /**
     * Blocks inside the file are reported mapped and blocks past its end unmapped: holes inside the
     * file cannot be seen portably, and calling them mapped is the truthful side to err on.
     */
    @Override
    public boolean mapped(long lba) {
        checkRange(lba, 1);
        return lba < storedBlocks();
    }

    @Override
    public long extent(long lba, long max) {
        checkRange(lba, 1);
        long end = Math.min(blockCount, lba + Math.max(1, max));
        long stored = storedBlocks();
        return lba < stored ? Math.min(end, stored) - lba : end - lba;
    }

    /** Blocks the file reaches into (a partial last block counts). */
    private long storedBlocks() {
        try {
            return (channel.size() + blockSize - 1) / blockSize;
        } catch (IOException e) {
            throw BlockStore.io("size of " + path, e);
        }
    }

    /** force(true): SYNCHRONIZE CACHE promises the data and the file's metadata are on stable storage. */
    @Override
    public void flush() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw BlockStore.io("flush of " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw BlockStore.io("close of " + path, e);
        }
    }

    private void checkRange(long lba, long blocks) {
        if (lba < 0 || blocks < 0 || lba > blockCount || blocks > blockCount - lba)
            throw new IndexOutOfBoundsException("blocks [" + lba + ", +" + blocks + ") outside 0.." + blockCount);
    }
}
