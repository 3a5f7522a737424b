package dev.clusterlab.engine.cluster.storage;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One node's storage stack below its cluster service: multipath over the node's paths, the disk
 * driver's reaction to reservation loss (clusdisk's "ownership unexpectedly lost"), and the path
 * checker. It lives in the kernel, so it keeps working while the cluster service is hung.
 *
 * <p>Multipath (failover policy): a command goes down the first path not marked failed; a path
 * that does not answer is marked failed and the command is retried on the next. The path checker
 * ({@link #checkPaths()}) sends TEST UNIT READY down failed paths and reinstates those that answer,
 * re-registering the node's key on them when the key is still registered on the disk, as
 * multipathd does for reinstated paths (reference/cluster-arbitration.md §4.2).
 *
 * <p>Unit attentions are retried once, as the sd driver does. A 2Ah/03h..05h unit attention, or a
 * RESERVATION CONFLICT on a disk the node {@link #claim claims}, marks the disk lost: the node
 * stops writing to it and its listener hears why.
 *
 * <p>Lossy passthrough hides both. Then a write to a claimed disk fails with a generic I/O error,
 * which the node cannot tell from a flaky disk; it recovers as a cluster restarting a failed disk
 * resource on the same node would: re-register its key (REGISTER AND IGNORE EXISTING KEY) and retry.
 * That recovery is a labelled assumption [A]; it is what lets a fenced node write again.
 */
public final class NodeStorage {
    private static final byte[] READ_KEYS_CDB = Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 8192);
    private static final byte[] REPORT_CAPABILITIES_CDB = Cdbs.persistentReserveIn(PrInAction.REPORT_CAPABILITIES, 8);

    private final String node;
    private final StorageFabric fabric;
    private final Consumer<String> log;
    private final Map<String, boolean[]> failedPaths = new HashMap<>();
    private final Map<String, Long> keys = new HashMap<>();
    private final Set<String> claimed = new HashSet<>();
    private final Set<String> lost = new HashSet<>();
    private StorageListener listener = StorageListener.NONE;

    /** @param log where the stack writes its log lines (the node's cluster log) */
    public NodeStorage(String node, StorageFabric fabric, Consumer<String> log) {
        this.node = node;
        this.fabric = fabric;
        this.log = log;
    }

    public String node() { return node; }

    public void listener(StorageListener listener) { this.listener = listener == null ? StorageListener.NONE : listener; }

    public int pathCount() { return fabric.pathCount(node); }

    /** Forgets everything, as after a reboot: no claims, keys, lost disks or failed paths. */
    public void reset() {
        failedPaths.clear();
        keys.clear();
        claimed.clear();
        lost.clear();
        listener = StorageListener.NONE;
    }

    // ---- what the node believes ---------------------------------------------------------------

    /** Remembers the key this node registered on {@code disk} (0 forgets it). */
    public void rememberKey(String disk, long key) {
        if (key == 0) keys.remove(disk);
        else keys.put(disk, key);
    }

    public long key(String disk) { return keys.getOrDefault(disk, 0L); }

    /** The node brings {@code disk} online: it owns it until it releases it or learns it lost it. */
    public void claim(String disk) {
        claimed.add(disk);
        lost.remove(disk);
    }

    public void release(String disk) {
        claimed.remove(disk);
        lost.remove(disk);
    }

    public boolean claims(String disk) { return claimed.contains(disk); }

    /** True once the device told the node it no longer holds a disk it claims. */
    public boolean lost(String disk) { return lost.contains(disk); }

    /** Claimed and not known to be lost: the node believes it owns the disk. */
    public boolean believesOwner(String disk) { return claimed.contains(disk) && !lost.contains(disk); }

    // ---- I/O ----------------------------------------------------------------------------------

    /** Sends {@code request} to {@code disk} through multipath. */
    public IoOutcome execute(String disk, ScsiRequest request) {
        boolean[] failed = failed(disk);
        for (int i = 0; i < failed.length; i++) {
            if (failed[i]) continue;
            IoOutcome outcome = executeOn(disk, i, request);
            if (outcome instanceof IoOutcome.NoPath) {
                failed[i] = true;
                log.accept("multipath: path " + StorageFabric.pathName(i) + " to " + disk + " failed");
                continue;
            }
            return outcome;
        }
        return new IoOutcome.NoPath(null);
    }

    /** Sends {@code request} down one path, without failover (explicit path commands, registration on every path). */
    public IoOutcome executeOn(String disk, int pathIndex, ScsiRequest request) {
        IoOutcome outcome = fabric.transmit(node, pathIndex, disk, request);
        if (outcome instanceof IoOutcome.Completed c && StorageFabric.isUnitAttention(c.response())) {
            noteIfReservationLoss(disk, c.response());
            outcome = fabric.transmit(node, pathIndex, disk, request); // retried once, as the sd driver does
            // The retry may report the next queued condition (SPC-4 §4.5.5: one per command, oldest first).
            if (outcome instanceof IoOutcome.Completed r) noteIfReservationLoss(disk, r.response());
        }
        if (outcome instanceof IoOutcome.Completed c && c.status() == ScsiStatus.RESERVATION_CONFLICT) {
            noteLost(disk, "RESERVATION CONFLICT");
        } else if (outcome instanceof IoOutcome.IoError e && writesMedium(request.cdb()) && believesOwner(disk) && key(disk) != 0) {
            outcome = recoverAndRetry(disk, pathIndex, request);
        }
        return outcome;
    }

    /** Runs {@code request} down every path that is not failed (e.g. REGISTER on every path, as MPIO does). */
    public int executeOnEveryPath(String disk, ScsiRequest request, Consumer<IoOutcome> each) {
        boolean[] failed = failed(disk);
        int sent = 0;
        for (int i = 0; i < failed.length; i++) {
            if (failed[i] || !fabric.isUp(node, i)) continue;
            each.accept(executeOn(disk, i, request));
            sent++;
        }
        return sent;
    }

    /** The path checker: TEST UNIT READY on every failed path; reinstates those that answer. */
    public void checkPaths() {
        for (Map.Entry<String, boolean[]> e : failedPaths.entrySet()) {
            boolean[] failed = e.getValue();
            for (int i = 0; i < failed.length; i++) {
                if (!failed[i]) continue;
                IoOutcome tur = fabric.transmit(node, i, e.getKey(), ScsiRequest.noData(Cdbs.testUnitReady()));
                if (tur instanceof IoOutcome.NoPath) continue;
                failed[i] = false;
                log.accept("multipath: path " + StorageFabric.pathName(i) + " to " + e.getKey() + " reinstated");
                reRegisterIfStillRegistered(e.getKey(), i);
            }
        }
    }

    private void reRegisterIfStillRegistered(String disk, int pathIndex) {
        long key = key(disk);
        if (key == 0) return;
        IoOutcome keysNow = fabric.transmit(node, pathIndex, disk, ScsiRequest.dataIn(READ_KEYS_CDB, 8192));
        // A returning path usually has several unit attentions queued (I_T nexus loss, resets): consume them.
        for (int i = 0; i < 4 && keysNow instanceof IoOutcome.Completed u && StorageFabric.isUnitAttention(u.response()); i++) {
            keysNow = fabric.transmit(node, pathIndex, disk, ScsiRequest.dataIn(READ_KEYS_CDB, 8192));
        }
        if (!(keysNow instanceof IoOutcome.Completed c) || !c.response().isGood() || !containsKey(c.response().dataIn(), key)) return;
        // The APTPL bit of this REGISTER becomes the whole LU's (SPC-4 §5.13.5), so keep what is active
        // (PTPL_A, REPORT CAPABILITIES §6.15.4), as multipathd does with a reservation_key configured ":aptpl".
        IoOutcome caps = fabric.transmit(node, pathIndex, disk, ScsiRequest.dataIn(REPORT_CAPABILITIES_CDB, 8));
        boolean aptpl = caps instanceof IoOutcome.Completed cc && cc.response().isGood() && cc.response().dataIn().length > 3
                && (cc.response().dataIn()[3] & 0x01) != 0;
        byte[] params = Cdbs.prOutParameters(0, key, false, aptpl);
        fabric.transmit(node, pathIndex, disk, ScsiRequest.dataOut(
                Cdbs.persistentReserveOut(PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, params.length), params));
    }

    private IoOutcome recoverAndRetry(String disk, int pathIndex, ScsiRequest request) {
        long key = key(disk);
        log.accept("I/O error on " + disk + " (the cause is hidden from this node): restarting the disk resource here,"
                + " re-registering key 0x" + Long.toHexString(key) + " and retrying");
        fabric.transmit(node, pathIndex, disk, registerIgnore(key));
        return fabric.transmit(node, pathIndex, disk, request);
    }

    private void noteIfReservationLoss(String disk, ScsiResponse response) {
        if (StorageFabric.isReservationLossAttention(response)) noteLost(disk, "unit attention " + response.sense().additional());
    }

    private void noteLost(String disk, String why) {
        if (!claimed.contains(disk) || !lost.add(disk)) return;
        log.accept("ownership of " + disk + " has been unexpectedly lost by this node (" + why + ")");
        listener.diskLost(disk, why);
    }

    /** PERSISTENT RESERVE OUT REGISTER AND IGNORE EXISTING KEY with {@code key} as the new key. */
    public static ScsiRequest registerIgnore(long key) {
        byte[] params = Cdbs.prOutParameters(0, key, false, false);
        return ScsiRequest.dataOut(Cdbs.persistentReserveOut(PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, params.length), params);
    }

    /** Whether a READ KEYS answer lists {@code key}. */
    public static boolean containsKey(byte[] readKeys, long key) { return keysIn(readKeys).contains(key); }

    /**
     * The keys a READ KEYS answer lists (SPC-4 §6.15.2), as far as the data returned reaches (a
     * truncated answer lists fewer than its ADDITIONAL LENGTH says).
     */
    public static List<Long> keysIn(byte[] readKeys) {
        List<Long> keys = new ArrayList<>();
        if (readKeys.length < 8) return keys;
        int length = (int) Math.min(Bytes.u32(readKeys, 4), readKeys.length - 8);
        for (int off = 8; off + 8 <= 8 + length; off += 8) keys.add(Bytes.u64(readKeys, off));
        return keys;
    }

    /** Whether a CDB changes the medium: WRITE, WRITE AND VERIFY, WRITE SAME, COMPARE AND WRITE, UNMAP. */
    public static boolean writesMedium(byte[] cdb) {
        if (cdb.length == 0) return false;
        return switch (cdb[0] & 0xFF) {
            case 0x0A, 0x2A, 0xAA, 0x8A, 0x2E, 0xAE, 0x8E, 0x41, 0x93, 0x89, 0x42 -> true;
            default -> false;
        };
    }

    private boolean[] failed(String disk) {
        return failedPaths.computeIfAbsent(disk, d -> new boolean[fabric.pathCount(node)]);
    }
}
