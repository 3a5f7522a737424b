package dev.clusterlab.engine.timeline;

import java.util.Arrays;

/**
 * A growable list of event indexes in ascending order. Not thread-safe: {@link Timeline} guards it
 * with its own lock. Doubling keeps {@link #add} O(1) amortised.
 */
final class IndexList {
    private int[] items = new int[8];
    private int size;

    void add(int index) {
        if (size == items.length) items = Arrays.copyOf(items, size << 1);
        items[size++] = index;
    }

    int size() { return size; }

    int[] toArray() { return Arrays.copyOf(items, size); }
}
