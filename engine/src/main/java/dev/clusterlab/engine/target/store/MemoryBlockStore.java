package dev.clusterlab.engine.target.store;

/** Placeholder, replaced by the block store work. */
public final class MemoryBlockStore implements BlockStore {
    private final int blockSize;
    private final long blockCount;

    public MemoryBlockStore(int blockSize, long blockCount) {
        this.blockSize = blockSize;
        this.blockCount = blockCount;
    }

    public int blockSize() { return blockSize; }

    public long blockCount() { return blockCount; }

    public void read(long lba, int blocks, byte[] dst, int dstOffset) { throw new UnsupportedOperationException(); }

    public void write(long lba, int blocks, byte[] src, int srcOffset) { throw new UnsupportedOperationException(); }

    public void unmap(long lba, long blocks) { throw new UnsupportedOperationException(); }

    public void flush() {}

    public void close() {}
}
