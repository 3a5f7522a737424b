package dev.clusterlab.engine.cluster.policy;

import dev.clusterlab.engine.cluster.storage.IoOutcome;
import dev.clusterlab.engine.cluster.storage.NodeStorage;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiStatus;
import java.util.List;

/**
 * The persistent-reservation commands cluster services send, as sg_persist would build them, over a
 * node's storage stack. Reads return null when the disk could not be reached or refused the command,
 * so callers tell "no answer" from "no keys".
 */
public final class PrClient {
    private static final int ALLOCATION = 8192;

    private final NodeStorage storage;

    public PrClient(NodeStorage storage) { this.storage = storage; }

    /** A reservation as READ RESERVATION reports it. */
    public record Holder(long key, int type) {}

    /** REGISTER AND IGNORE EXISTING KEY on every usable path (MPIO registers each I_T nexus); true if any path took it. */
    public boolean registerOnEveryPath(String disk, long key) {
        boolean[] any = {false};
        storage.executeOnEveryPath(disk, NodeStorage.registerIgnore(key), outcome -> any[0] |= outcome.isGood());
        if (any[0]) storage.rememberKey(disk, key);
        return any[0];
    }

    /** Removes this node's registration from every usable path (REGISTER AND IGNORE with key 0). */
    public void unregisterEveryPath(String disk) {
        storage.executeOnEveryPath(disk, NodeStorage.registerIgnore(0), outcome -> { });
        storage.rememberKey(disk, 0);
    }

    public IoOutcome reserve(String disk, long key, int type) { return out(disk, PrOutAction.RESERVE, type, key, 0); }

    public IoOutcome release(String disk, long key, int type) { return out(disk, PrOutAction.RELEASE, type, key, 0); }

    public IoOutcome clear(String disk, long key) { return out(disk, PrOutAction.CLEAR, 0, key, 0); }

    /** PREEMPT (or PREEMPT AND ABORT when {@code abort}) the registrations of {@code victimKey}. */
    public IoOutcome preempt(String disk, long key, long victimKey, int type, boolean abort) {
        return out(disk, abort ? PrOutAction.PREEMPT_AND_ABORT : PrOutAction.PREEMPT, type, key, victimKey);
    }

    /** The registered keys (one per registered I_T nexus, so repeats are normal), or null without an answer. */
    public List<Long> readKeys(String disk) {
        IoOutcome o = storage.execute(disk, ScsiRequest.dataIn(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, ALLOCATION), ALLOCATION));
        if (!(o instanceof IoOutcome.Completed c) || !c.response().isGood()) return null;
        return NodeStorage.keysIn(c.response().dataIn());
    }

    /**
     * The reservation READ RESERVATION reports: {@link #NO_RESERVATION} when none, null without an
     * answer.
     */
    public Holder readReservation(String disk) {
        IoOutcome o = storage.execute(disk, ScsiRequest.dataIn(Cdbs.persistentReserveIn(PrInAction.READ_RESERVATION, ALLOCATION), ALLOCATION));
        if (!(o instanceof IoOutcome.Completed c) || !c.response().isGood()) return null;
        byte[] data = c.response().dataIn();
        if (data.length < 8 || Bytes.u32(data, 4) < 16 || data.length < 24) return NO_RESERVATION;
        return new Holder(Bytes.u64(data, 8), data[21] & 0x0F);
    }

    /**
     * READ KEYS that survives stacked unit attentions (a reset and an I_T nexus loss, say): the sd
     * driver retries only once, so on a failure the pending conditions are drained with TEST UNIT
     * READY down every path (as sg_turs does) and the command is sent again. Null: still no answer.
     */
    public List<Long> readKeysPatiently(String disk) {
        List<Long> keys = readKeys(disk);
        if (keys != null) return keys;
        drainUnitAttentions(disk);
        return readKeys(disk);
    }

    /** PREEMPT (AND ABORT), sent again once if unit attentions got in its way (see {@link #readKeysPatiently}). */
    public IoOutcome preemptPatiently(String disk, long key, long victimKey, int type, boolean abort) {
        IoOutcome o = preempt(disk, key, victimKey, type, abort);
        if (!(o instanceof IoOutcome.Completed c) || c.status() != ScsiStatus.CHECK_CONDITION) return o;
        drainUnitAttentions(disk);
        return preempt(disk, key, victimKey, type, abort);
    }

    /** TEST UNIT READY down every path until none reports CHECK CONDITION (at most three rounds), as sg_turs is used. */
    public void drainUnitAttentions(String disk) {
        for (int round = 0; round < 3; round++) {
            boolean[] clean = {true};
            storage.executeOnEveryPath(disk, ScsiRequest.noData(Cdbs.testUnitReady()),
                    o -> clean[0] &= !(o instanceof IoOutcome.Completed c && c.status() == ScsiStatus.CHECK_CONDITION));
            if (clean[0]) return;
        }
    }

    /** What {@link #readReservation} returns when the disk reports no reservation. */
    public static final Holder NO_RESERVATION = new Holder(0, 0);

    private IoOutcome out(String disk, PrOutAction action, int type, long key, long serviceActionKey) {
        byte[] params = Cdbs.prOutParameters(key, serviceActionKey, false, false);
        return storage.execute(disk, ScsiRequest.dataOut(Cdbs.persistentReserveOut(action, 0, type, params.length), params));
    }
}
