package dev.clusterlab.engine.cluster.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.sim.VirtualClock;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A small simulated SAN for storage tests: a fabric with two fabrics (target ports), disks "data" and
 * "other", node "a" with two paths and node "b" with one, recording on a {@link Timeline}. Also the
 * commands the tests send, built as sg_persist would.
 */
final class San {
    static final long DISK_SIZE = 1 << 20;
    /** WRITE EXCLUSIVE - REGISTRANTS ONLY, what fence_scsi and WSFC use. */
    static final int WERO = 5;
    static final int WRITE_EXCLUSIVE = 1;
    static final int ALLOCATION = 8192;

    final VirtualClock clock = new VirtualClock();
    final Timeline timeline = new Timeline();
    final StorageFabric fabric = new StorageFabric(clock, timeline, 2);

    San() { this(Set.of()); }

    /** {@code quirks} apply to disk "data". */
    San(Set<DiskQuirk> quirks) {
        fabric.addDisk("data", DISK_SIZE, DiskRole.DATA, quirks);
        fabric.addDisk("other", DISK_SIZE, DiskRole.DATA, Set.of());
        fabric.addNode("a", 2);
        fabric.addNode("b", 1);
    }

    IoOutcome send(String node, int path, String disk, ScsiRequest request) {
        return fabric.transmit(node, path, disk, request);
    }

    ReservationSnapshot snapshot(String disk) { return fabric.disk(disk).lu().reservations().snapshot(); }

    /** Keys as the target holds them (one per registered I_T nexus). */
    List<Long> keys(String disk) {
        List<Long> keys = new ArrayList<>();
        for (ReservationSnapshot.Registrant r : snapshot(disk).registrants()) keys.add(r.key());
        return keys;
    }

    // ---- commands -----------------------------------------------------------------------------

    static ScsiRequest write() { return ScsiRequest.dataOut(Cdbs.write10(0, 1), new byte[512]); }

    static ScsiRequest read() { return ScsiRequest.dataIn(Cdbs.read10(0, 1), 512); }

    static ScsiRequest testUnitReady() { return ScsiRequest.noData(Cdbs.testUnitReady()); }

    static ScsiRequest register(long key) { return NodeStorage.registerIgnore(key); }

    static ScsiRequest registerAptpl(long key) { return prOut(PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, key, true); }

    static ScsiRequest reserve(long key, int type) { return prOut(PrOutAction.RESERVE, type, key, 0, false); }

    static ScsiRequest release(long key, int type) { return prOut(PrOutAction.RELEASE, type, key, 0, false); }

    static ScsiRequest preemptAbort(long key, long victim, int type) { return prOut(PrOutAction.PREEMPT_AND_ABORT, type, key, victim, false); }

    static ScsiRequest readKeys() { return ScsiRequest.dataIn(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, ALLOCATION), ALLOCATION); }

    static ScsiRequest readReservation() {
        return ScsiRequest.dataIn(Cdbs.persistentReserveIn(PrInAction.READ_RESERVATION, ALLOCATION), ALLOCATION);
    }

    static ScsiRequest prIn(PrInAction action) { return ScsiRequest.dataIn(Cdbs.persistentReserveIn(action, ALLOCATION), ALLOCATION); }

    static ScsiRequest reserve6() { return ScsiRequest.noData(Cdbs.reserve6()); }

    static ScsiRequest prOut(PrOutAction action, int type, long key, long serviceActionKey, boolean aptpl) {
        byte[] params = Cdbs.prOutParameters(key, serviceActionKey, false, aptpl);
        return ScsiRequest.dataOut(Cdbs.persistentReserveOut(action, 0, type, params.length), params);
    }

    // ---- outcomes -----------------------------------------------------------------------------

    static ScsiResponse response(IoOutcome outcome) {
        assertThat(outcome).isInstanceOf(IoOutcome.Completed.class);
        return ((IoOutcome.Completed) outcome).response();
    }

    static void assertGood(IoOutcome outcome) {
        assertThat(response(outcome).status()).as("status of %s", outcome).isEqualTo(ScsiStatus.GOOD);
    }

    static void assertUnitAttention(IoOutcome outcome, AdditionalSense condition) {
        ScsiResponse r = response(outcome);
        assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
        assertThat(r.sense().key()).isEqualTo(SenseKey.UNIT_ATTENTION);
        assertThat(r.sense().additional()).isEqualTo(condition);
    }

    /** The keys in a READ KEYS answer. */
    static List<Long> keysIn(ScsiResponse readKeys) {
        byte[] data = readKeys.dataIn();
        List<Long> keys = new ArrayList<>();
        int length = (int) Bytes.u32(data, 4);
        for (int off = 8; off + 8 <= 8 + length; off += 8) keys.add(Bytes.u64(data, off));
        return keys;
    }
}
