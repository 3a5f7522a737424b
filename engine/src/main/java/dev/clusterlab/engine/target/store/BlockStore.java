package dev.clusterlab.engine.target.store;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The medium of a simulated logical unit: fixed-size blocks addressed by LBA. Unwritten or
 * unmapped blocks read as zeros. Callers check LBA ranges before calling.
 */
public interface BlockStore extends AutoCloseable {

    int blockSize();

    long blockCount();

    void read(long lba, int blocks, byte[] dst, int dstOffset);

    void write(long lba, int blocks, byte[] src, int srcOffset);

    /** Deallocates blocks; they then read as zeros. */
    void unmap(long lba, long blocks);

    /**
     * Whether block {@code lba} is mapped (SBC-3 §4.7.2, what GET LBA STATUS reports). A store that
     * does not track allocation calls every block mapped, which is always a truthful answer for a
     * medium that reads unmapped blocks as zeros.
     */
    default boolean mapped(long lba) { return true; }

    /**
     * How many consecutive blocks from {@code lba}, at most {@code max}, share the mapped state of
     * {@code lba}; at least 1 when {@code max} is positive. Lets GET LBA STATUS describe an extent
     * without asking block by block.
     */
    default long extent(long lba, long max) { return max; }

    /** Makes every completed write durable (SYNCHRONIZE CACHE). */
    void flush();

    @Override
    void close() throws UncheckedIOException;

    /** Wraps an I/O failure so command handlers can map it to MEDIUM ERROR sense. */
    static UncheckedIOException io(String what, IOException e) { return new UncheckedIOException(what, e); }
}
