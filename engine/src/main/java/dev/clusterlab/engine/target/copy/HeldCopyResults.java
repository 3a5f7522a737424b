package dev.clusterlab.engine.target.copy;

import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.target.LogicalUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Results of EXTENDED COPY commands with LIST ID USAGE 00b, held for RECEIVE COPY RESULTS. A list
 * identifier is scoped to the I_T nexus that sent it (SPC-4 §6.3.1), so entries are keyed on the
 * logical unit, the nexus and the identifier.
 *
 * <p>SPC-4 §6.18.2 lets the copy manager discard COPY STATUS data once it has been returned, when a
 * new EXTENDED COPY with the same list identifier arrives on the same nexus, on logical unit reset
 * and I_T nexus loss, and when it needs the room: the oldest entries go beyond {@link #CAPACITY}. FAILED SEGMENT DETAILS are discarded once
 * returned in full (SPC-4 §6.18.5). An entry disappears when neither is left.
 */
final class HeldCopyResults {
    /** Entries kept per copy manager before the oldest is discarded. */
    static final int CAPACITY = 256;

    record Key(LogicalUnit lu, ItNexus nexus, int listId) {}

    /** What is still held for one list identifier. */
    static final class Held {
        final CopyOutcome outcome;
        boolean statusReturned;
        boolean detailsReturned;

        Held(CopyOutcome outcome) {
            this.outcome = outcome;
            this.detailsReturned = outcome.succeeded(); // nothing to report as failed
        }

        boolean exhausted() { return statusReturned && detailsReturned; }
    }

    private final Map<Key, Held> entries = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Held> eldest) { return size() > CAPACITY; }
    };

    void hold(Key key, CopyOutcome outcome) { entries.put(key, new Held(outcome)); }

    /** The entry for {@code key}, or null when nothing is held for it. */
    Held get(Key key) { return entries.get(key); }

    void discard(Key key) { entries.remove(key); }

    /** Drops the entry once nothing in it is left to return. */
    void discardIfExhausted(Key key, Held e) { if (e.exhausted()) entries.remove(key); }

    /** SPC-4 §6.18.2 c: a logical unit reset discards everything held for that logical unit. */
    void discardAll(LogicalUnit lu) { entries.keySet().removeIf(k -> k.lu() == lu); }

    /** SPC-4 §6.18.2 c: I_T nexus loss discards what was held for that nexus. */
    void discardAll(LogicalUnit lu, ItNexus nexus) {
        entries.keySet().removeIf(k -> k.lu() == lu && k.nexus().equals(nexus));
    }

    int size() { return entries.size(); }
}
