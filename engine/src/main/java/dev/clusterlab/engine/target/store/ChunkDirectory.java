package dev.clusterlab.engine.target.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The chunks of a {@link MemoryBlockStore}, indexed by chunk number: a two-level table of lazily
 * created segments. Looking a chunk up is two array reads with no boxing or hashing, which matters
 * on the READ path (a hash map keyed by boxed longs cost about a quarter of the target's CPU at
 * 4 KiB random reads). Safe for concurrent use, like the map it replaces.
 */
final class ChunkDirectory {
    private static final int SEGMENT_BITS = 12;
    private static final int SEGMENT = 1 << SEGMENT_BITS;

    private final AtomicReferenceArray<AtomicReferenceArray<byte[]>> segments;
    private final AtomicLong count = new AtomicLong();

    ChunkDirectory(long chunks) {
        long segs = (chunks + SEGMENT - 1) >>> SEGMENT_BITS;
        if (segs > Integer.MAX_VALUE) throw new IllegalArgumentException("too many chunks: " + chunks);
        segments = new AtomicReferenceArray<>((int) Math.max(1, segs));
    }

    /** The chunk, or null when it is not allocated. */
    byte[] get(long index) {
        AtomicReferenceArray<byte[]> seg = segments.get((int) (index >>> SEGMENT_BITS));
        return seg == null ? null : seg.get((int) (index & (SEGMENT - 1)));
    }

    /** The chunk, allocated (zeroed) if it was not. */
    byte[] getOrCreate(long index, int chunkBytes) {
        int s = (int) (index >>> SEGMENT_BITS), i = (int) (index & (SEGMENT - 1));
        AtomicReferenceArray<byte[]> seg = segments.get(s);
        if (seg == null) {
            segments.compareAndSet(s, null, new AtomicReferenceArray<>(SEGMENT));
            seg = segments.get(s);
        }
        byte[] chunk = seg.get(i);
        if (chunk != null) return chunk;
        byte[] fresh = new byte[chunkBytes];
        if (seg.compareAndSet(i, null, fresh)) {
            count.incrementAndGet();
            return fresh;
        }
        return seg.get(i);
    }

    void remove(long index) {
        AtomicReferenceArray<byte[]> seg = segments.get((int) (index >>> SEGMENT_BITS));
        if (seg != null && seg.getAndSet((int) (index & (SEGMENT - 1)), null) != null) count.decrementAndGet();
    }

    /** Removes every chunk in [from, to), skipping segments that were never created. */
    void removeRange(long from, long to) {
        long k = from;
        while (k < to) {
            int s = (int) (k >>> SEGMENT_BITS);
            long segEnd = Math.min(to, ((long) s + 1) << SEGMENT_BITS);
            if (segments.get(s) != null) for (long j = k; j < segEnd; j++) remove(j);
            k = segEnd;
        }
    }

    boolean contains(long index) { return get(index) != null; }

    /** The first allocated chunk in [from, to), or {@code to} when there is none. */
    long nextAllocated(long from, long to) {
        long k = from;
        while (k < to) {
            int s = (int) (k >>> SEGMENT_BITS);
            long segEnd = Math.min(to, ((long) s + 1) << SEGMENT_BITS);
            AtomicReferenceArray<byte[]> seg = segments.get(s);
            if (seg != null) {
                for (long j = k; j < segEnd; j++) if (seg.get((int) (j & (SEGMENT - 1))) != null) return j;
            }
            k = segEnd;
        }
        return to;
    }

    long size() { return count.get(); }

    void clear() {
        for (int s = 0; s < segments.length(); s++) segments.set(s, null);
        count.set(0);
    }
}
