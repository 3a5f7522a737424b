package dev.clusterlab.engine.target.store;

import java.util.Arrays;

/**
 * A thin-provisioned medium in memory. The LBA space is cut into fixed-size chunks that are only
 * allocated when non-zero data is first written to them, so a 1 TiB logical unit costs nothing
 * until it is used. Unallocated chunks read as zeros, which is what lets the LU report LBPRZ=1
 * (SBC-3 §4.7.3.4: an unmapped block reads as zeros).
 *
 * <p>Chunks live in a concurrent {@link ChunkDirectory} because the iSCSI data path may bypass the engine loop
 * (DESIGN.md, Threading); overlapping concurrent writes race exactly as they would on a disk.
 */
public final class MemoryBlockStore implements BlockStore {
    /** Bytes per chunk: small enough that scattered writes stay cheap, large enough to keep the map small. */
    static final int CHUNK_BYTES = 64 * 1024;

    private final int blockSize;
    private final long blockCount;
    private final int blocksPerChunk;
    private final int chunkBytes;
    private final ChunkDirectory chunks;

    public MemoryBlockStore(int blockSize, long blockCount) {
        if (blockSize < 512 || Integer.bitCount(blockSize) != 1)
            throw new IllegalArgumentException("block size must be a power of two >= 512: " + blockSize);
        if (blockCount <= 0) throw new IllegalArgumentException("block count must be positive: " + blockCount);
        this.blockSize = blockSize;
        this.blockCount = blockCount;
        this.blocksPerChunk = Math.max(1, CHUNK_BYTES / blockSize);
        this.chunkBytes = blocksPerChunk * blockSize;
        this.chunks = new ChunkDirectory(ceilDiv(blockCount, blocksPerChunk));
    }

    @Override
    public int blockSize() { return blockSize; }

    @Override
    public long blockCount() { return blockCount; }

    /** Bytes of memory holding data; 0 for a fresh or fully unmapped store. */
    public long allocatedBytes() { return (long) chunks.size() * chunkBytes; }

    @Override
    public void read(long lba, int blocks, byte[] dst, int dstOffset) {
        checkRange(lba, blocks);
        long pos = lba * blockSize;
        int remaining = blocks * blockSize;
        int out = dstOffset;
        while (remaining > 0) {
            long index = pos / chunkBytes;
            int within = (int) (pos % chunkBytes);
            int n = Math.min(remaining, chunkBytes - within);
            byte[] chunk = chunks.get(index);
            if (chunk == null) Arrays.fill(dst, out, out + n, (byte) 0);
            else System.arraycopy(chunk, within, dst, out, n);
            pos += n;
            out += n;
            remaining -= n;
        }
    }

    @Override
    public void write(long lba, int blocks, byte[] src, int srcOffset) {
        checkRange(lba, blocks);
        long pos = lba * blockSize;
        int remaining = blocks * blockSize;
        int in = srcOffset;
        while (remaining > 0) {
            long index = pos / chunkBytes;
            int within = (int) (pos % chunkBytes);
            int n = Math.min(remaining, chunkBytes - within);
            byte[] chunk = chunks.get(index);
            // Zeros written to an unallocated chunk change nothing a reader can see: stay thin.
            if (chunk == null && !allZero(src, in, n)) chunk = chunks.getOrCreate(index, chunkBytes);
            if (chunk != null) System.arraycopy(src, in, chunk, within, n);
            pos += n;
            in += n;
            remaining -= n;
        }
    }

    /** Frees chunks the range covers entirely and zeroes the parts of chunks it covers partly. */
    @Override
    public void unmap(long lba, long blocks) {
        checkRange(lba, blocks);
        if (blocks == 0) return;
        long first = lba, end = lba + blocks; // in blocks, end exclusive
        long firstFull = ceilDiv(first, blocksPerChunk), endFull = end / blocksPerChunk; // whole chunks [firstFull, endFull)
        if (firstFull >= endFull) {
            zeroBlocks(first, end);
            return;
        }
        zeroBlocks(first, firstFull * blocksPerChunk);
        zeroBlocks(endFull * blocksPerChunk, end);
        chunks.removeRange(firstFull, endFull);
    }

    /** Zeroes blocks [from, to), a range of at most two partial chunks. */
    private void zeroBlocks(long from, long to) {
        while (from < to) {
            long index = from / blocksPerChunk;
            long end = Math.min(to, (index + 1) * blocksPerChunk);
            byte[] chunk = chunks.get(index);
            if (chunk != null) {
                int off = (int) (from % blocksPerChunk) * blockSize;
                Arrays.fill(chunk, off, off + (int) (end - from) * blockSize, (byte) 0);
            }
            from = end;
        }
    }

    /** A block is mapped when its chunk holds data: provisioning is tracked per chunk. */
    @Override
    public boolean mapped(long lba) {
        checkRange(lba, 1);
        return chunks.contains(lba / blocksPerChunk);
    }

    @Override
    public long extent(long lba, long max) {
        checkRange(lba, 1);
        long end = Math.min(blockCount, lba + Math.max(1, max));
        long chunk = lba / blocksPerChunk;
        boolean state = chunks.contains(chunk);
        long lastChunk = (end - 1) / blocksPerChunk;
        long next = chunk + 1; // first chunk whose state may differ
        if (!state) {
            next = chunks.nextAllocated(next, lastChunk + 1); // skips whole unallocated segments
        } else {
            while (next <= lastChunk && chunks.contains(next)) next++;
        }
        return Math.min(end, next * blocksPerChunk) - lba;
    }

    @Override
    public void flush() {}

    @Override
    public void close() { chunks.clear(); }

    private void checkRange(long lba, long blocks) {
        if (lba < 0 || blocks < 0 || lba > blockCount || blocks > blockCount - lba)
            throw new IndexOutOfBoundsException("blocks [" + lba + ", +" + blocks + ") outside 0.." + blockCount);
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

    private static boolean allZero(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) if (b[i] != 0) return false;
        return true;
    }
}
