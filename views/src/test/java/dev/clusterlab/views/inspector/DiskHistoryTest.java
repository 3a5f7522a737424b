package dev.clusterlab.views.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A disk's reservation history: who changed what, when, and the PR generation afterwards. */
class DiskHistoryTest {
    private static final long SECOND = 1_000_000_000L;
    private final LabSession session = LabSession.open(ScenarioSource.demo());

    private DiskHistory history(String disk) { return new DiskHistory(session.timeline(), disk, session::describe); }

    @Test
    void atTheStartNodeARegistersOnBothPathsAndReservesTheDataDisk() {
        List<DiskHistoryRow> rows = history("data").upTo(0);
        assertThat(rows).extracting(DiskHistoryRow::who).contains("node-a/p1", "node-a/p2");
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.action()).startsWith("PR OUT RESERVE");
            assertThat(r.change()).startsWith("reservation: node-a/p1, type 5 (WERO)");
        });
        assertThat(rows).anySatisfy(r -> assertThat(r.change()).startsWith("+node-a/p"));
        assertThat(rows.get(rows.size() - 1).generation()).isEqualTo(session.frame().disks().reservation("data").generation());
    }

    @Test
    void theFailoverPreemptRemovesNodeAsKeysAndHandsTheReservationToNodeB() {
        session.advanceTo(25 * SECOND);
        List<DiskHistoryRow> rows = history("data").upTo(25 * SECOND);
        DiskHistoryRow preempt = rows.stream().filter(r -> r.action().startsWith("PR OUT PREEMPT")).findFirst().orElseThrow();
        assertThat(preempt.who()).startsWith("node-b/");
        assertThat(preempt.time()).isEqualTo(22 * SECOND);
        assertThat(preempt.change()).contains("-node-a/p1").contains("-node-a/p2").contains("reservation: node-b/p1, type 5 (WERO)");
        assertThat(preempt.generation()).isEqualTo(session.stateAt(25 * SECOND).disks().reservation("data").generation());
        for (int i = 1; i < rows.size(); i++) assertThat(rows.get(i).time()).isGreaterThanOrEqualTo(rows.get(i - 1).time());
    }

    @Test
    void theHistoryStopsAtTheCursorAndCatchesUpAsTheSessionRuns() {
        DiskHistory h = history("data");
        int atStart = h.upTo(0).size();
        session.advanceTo(25 * SECOND);
        assertThat(h.upTo(4 * SECOND)).hasSize(atStart);
        assertThat(h.upTo(25 * SECOND).size()).isGreaterThan(atStart);
        assertThat(h.upTo(-1)).isEmpty();
    }

    @Test
    void aBusResetThatDropsAnScsi2ReservationIsTheResettingNodes() throws Exception {
        LabSession mscs = LabSession.open(ScenarioSource.load("mscs-bus-reset-live-defender"));
        mscs.advanceTo(20 * SECOND);
        List<DiskHistoryRow> rows = new DiskHistory(mscs.timeline(), "quorum", mscs::describe).upTo(20 * SECOND);
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.who()).startsWith("node-b/");
            assertThat(r.action()).isEqualTo("TARGET RESET (bus reset)");
            assertThat(r.change()).isEqualTo("SPC-2 reservation released");
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.action()).startsWith("RESERVE(6)");
            assertThat(r.change()).startsWith("SPC-2 RESERVE by node-a/");
        });
    }
}
