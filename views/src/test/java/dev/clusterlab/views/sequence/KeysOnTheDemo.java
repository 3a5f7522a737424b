package dev.clusterlab.views.sequence;

import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.views.session.LabSession;

/** Reads node-a's reservation key off the demo's data disk at 5 s, before anything fails. */
public final class KeysOnTheDemo {
    private KeysOnTheDemo() {}

    public static long nodeAKey(LabSession session) {
        long cursor = session.cursor();
        session.advanceTo(Math.max(cursor, 5_000_000_000L));
        for (ReservationSnapshot.Registrant r : session.stateAt(5_000_000_000L).disks().reservation("data").registrants()) {
            if (session.describe(r.initiator()).startsWith("node-a/")) {
                session.seek(cursor);
                return r.key();
            }
        }
        throw new AssertionError("node-a is not registered on data at 5 s");
    }
}
