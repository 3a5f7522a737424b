package dev.clusterlab.engine.target.pr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.scsi.TransportId;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuIdentity;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A logical unit with two target ports and four initiator ports (three iSCSI, one FC), serving the
 * real SPC/SBC command set. Helpers issue commands the way libiscsi and sg_persist do.
 */
final class PrFixture {
    static final TargetPort P1 = new TargetPort(1, "iqn.2026-11.dev.clusterlab:disk1,t,0x0001", 1);
    static final TargetPort P2 = new TargetPort(2, "iqn.2026-11.dev.clusterlab:disk1,t,0x0002", 2);
    static final InitiatorPort A = InitiatorPort.iscsi("iqn.2026-11.lab:node-a", 0x23d000000001L);
    static final InitiatorPort B = InitiatorPort.iscsi("iqn.2026-11.lab:node-b", 0x23d000000002L);
    static final InitiatorPort C = InitiatorPort.iscsi("iqn.2026-11.lab:node-c", 0x23d000000003L);
    static final InitiatorPort D = InitiatorPort.fc(0x2100_0024_ff00_0001L);
    static final ItNexus A1 = new ItNexus(A, P1), A2 = new ItNexus(A, P2);
    static final ItNexus B1 = new ItNexus(B, P1), B2 = new ItNexus(B, P2);
    static final ItNexus C1 = new ItNexus(C, P1), C2 = new ItNexus(C, P2);
    static final ItNexus D1 = new ItNexus(D, P1), D2 = new ItNexus(D, P2);
    static final List<ItNexus> ALL_NEXUSES = List.of(A1, A2, B1, B2, C1, C2, D1, D2);

    final Timeline timeline = new Timeline();
    final TestAptplStore store;
    final LogicalUnit lu;

    private PrFixture(TestAptplStore store, BooleanSupplier tas, int maxRegistrations) {
        this.store = store;
        LogicalUnit.Builder b = LogicalUnit.builder("disk1")
                .identity(LuIdentity.forName("disk1", 1))
                .store(new MemoryBlockStore(512, 2048))
                .targetPorts(List.of(P1, P2))
                .timeline(timeline)
                .taskAbortedStatus(tas)
                .maxRegistrations(maxRegistrations);
        if (store != null) b.aptplStore(store);
        this.lu = b.build();
    }

    static PrFixture create() { return new PrFixture(null, () -> false, 1024); }

    static PrFixture withStore(TestAptplStore store) { return new PrFixture(store, () -> false, 1024); }

    static PrFixture withTas(BooleanSupplier tas) { return new PrFixture(null, tas, 1024); }

    static PrFixture withMaxRegistrations(int max) { return new PrFixture(null, () -> false, max); }

    // ---- issuing commands

    ScsiResponse run(ItNexus n, byte[] cdb) { return lu.execute(n, new ScsiRequest(cdb, new byte[0], 65536)); }

    ScsiResponse run(ItNexus n, byte[] cdb, byte[] dataOut) { return lu.execute(n, ScsiRequest.dataOut(cdb, dataOut)); }

    ScsiResponse prOut(ItNexus n, PrOutAction a, int type, byte[] params) {
        return run(n, Cdbs.persistentReserveOut(a, 0, type, params.length), params);
    }

    ScsiResponse prOut(ItNexus n, PrOutAction a, PrType type, long rk, long sark) {
        return prOut(n, a, type == null ? 0 : type.code(), Cdbs.prOutParameters(rk, sark, false, false));
    }

    ScsiResponse register(ItNexus n, long rk, long sark) { return prOut(n, PrOutAction.REGISTER, null, rk, sark); }

    ScsiResponse registerIgnore(ItNexus n, long sark) {
        return prOut(n, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, null, 0, sark);
    }

    ScsiResponse reserve(ItNexus n, PrType t, long key) { return prOut(n, PrOutAction.RESERVE, t, key, 0); }

    ScsiResponse release(ItNexus n, PrType t, long key) { return prOut(n, PrOutAction.RELEASE, t, key, 0); }

    ScsiResponse clear(ItNexus n, long key) { return prOut(n, PrOutAction.CLEAR, null, key, 0); }

    ScsiResponse preempt(ItNexus n, PrType t, long rk, long sark) { return prOut(n, PrOutAction.PREEMPT, t, rk, sark); }

    ScsiResponse preemptAndAbort(ItNexus n, PrType t, long rk, long sark) {
        return prOut(n, PrOutAction.PREEMPT_AND_ABORT, t, rk, sark);
    }

    ScsiResponse registerAndMove(ItNexus n, long rk, long sark, boolean unreg, int rtpi, TransportId dest) {
        return prOut(n, PrOutAction.REGISTER_AND_MOVE, 0, Cdbs.registerAndMoveParameters(rk, sark, unreg, false, rtpi, dest));
    }

    ScsiResponse prIn(ItNexus n, int sa, int allocation) { return run(n, Cdbs.persistentReserveIn(sa, allocation)); }

    /** PR IN data, asserting GOOD. */
    byte[] prInData(ItNexus n, PrInAction a) {
        ScsiResponse r = prIn(n, a.code(), 65535);
        assertThat(r.status()).as("PR IN %s from %s", a, n).isEqualTo(ScsiStatus.GOOD);
        return r.dataIn();
    }

    List<Long> keys(ItNexus n) {
        byte[] d = prInData(n, PrInAction.READ_KEYS);
        List<Long> out = new ArrayList<>();
        for (int off = 8; off < 8 + Bytes.u32(d, 4); off += 8) out.add(Bytes.u64(d, off));
        return out;
    }

    long generation(ItNexus n) { return Bytes.u32(prInData(n, PrInAction.READ_KEYS), 0); }

    /** READ RESERVATION as (key, type), or null when there is no reservation. */
    long[] reservation(ItNexus n) {
        byte[] d = prInData(n, PrInAction.READ_RESERVATION);
        if (Bytes.u32(d, 4) == 0) return null;
        return new long[] {Bytes.u64(d, 8), d[21] & 0x0F};
    }

    ScsiResponse tur(ItNexus n) { return run(n, Cdbs.testUnitReady()); }

    ScsiResponse read(ItNexus n) { return run(n, Cdbs.read10(1, 1)); }

    ScsiResponse write(ItNexus n) { return run(n, Cdbs.write10(1, 1), new byte[512]); }

    /** Clears every pending unit attention of {@code n} (as libiscsi's TUR-until-good loop does). */
    void drain(ItNexus n) { while (lu.unitAttentions().take(n) != null) { } }

    void drainAll() { for (ItNexus n : ALL_NEXUSES) drain(n); }

    List<AdditionalSense> pending(ItNexus n) { return lu.unitAttentions().pending(n); }

    /** Makes every nexus known to the LU (each sends an INQUIRY, which never reports a UA). */
    void connectAll() { for (ItNexus n : ALL_NEXUSES) run(n, Cdbs.inquiry(36)); }
}
