package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reservation state changes on the timeline (DESIGN.md: everything is an event). */
class ReservationTimelineTest {
    final PrFixture f = PrFixture.create();

    List<TimelineEvent.ReservationChanged> changes() { return f.timeline.ofType(TimelineEvent.ReservationChanged.class); }

    @Test
    @DisplayName("Every PR state change records before, after and the cause in words")
    void preemptIsExplained() {
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.preempt(B1, PrType.EXCLUSIVE_ACCESS, 0xB1, 0xA1);
        var last = changes().get(changes().size() - 1);
        assertThat(last.cause()).isEqualTo(B.displayName() + " preempted key 0xA1: registrations removed");
        assertThat(last.before().registrants()).hasSize(2);
        assertThat(last.after().registrants()).hasSize(1);
        assertThat(last.after().generation()).isEqualTo(last.before().generation() + 1);
    }

    @Test
    @DisplayName("Commands that change nothing record no change: PR IN, repeated RESERVE, failed commands")
    void noChangeNoEvent() {
        f.registerIgnore(A1, 0xA1);
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        int n = changes().size();
        f.reserve(A1, PrType.WRITE_EXCLUSIVE, 0xA1);
        f.prIn(A1, 3, 255);
        f.register(B1, 7, 8); // conflict
        assertThat(changes()).hasSize(n);
    }

    @Test
    @DisplayName("SPC-2 reserve, release and reset release are recorded")
    void spc2ChangesRecorded() {
        f.run(A1, Cdbs.reserve6());
        f.lu.logicalUnitReset(B1);
        assertThat(changes()).extracting(TimelineEvent.ReservationChanged::cause)
                .containsExactly(A1 + " reserved the logical unit (SPC-2 RESERVE)",
                        "logical unit reset by " + B1 + ": SPC-2 reservation released");
        assertThat(changes().get(0).after().spc2Holder()).isEqualTo(A1);
    }

    @Test
    @DisplayName("Unit attentions queued by PR actions are recorded")
    void unitAttentionsRecorded() {
        f.connectAll();
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.clear(A1, 0xA1);
        assertThat(f.timeline.ofType(TimelineEvent.UnitAttentionQueued.class))
                .containsExactly(new TimelineEvent.UnitAttentionQueued(0, "disk1", B1, AdditionalSense.RESERVATIONS_PREEMPTED));
    }

    @Test
    @DisplayName("Nothing is built for a sink that is not recording")
    void discardingSinkIsNotFed() {
        List<TimelineEvent> fed = new ArrayList<>();
        TimelineSink quiet = new TimelineSink() {
            public void append(TimelineEvent e) { fed.add(e); }

            public boolean recording() { return false; }
        };
        var lu = dev.clusterlab.engine.target.LogicalUnit.builder("q").identity(dev.clusterlab.engine.target.LuIdentity.forName("q", 1))
                .store(new dev.clusterlab.engine.target.store.MemoryBlockStore(512, 16)).timeline(quiet).build();
        var nexus = new dev.clusterlab.engine.scsi.ItNexus(A, lu.targetPorts().get(0));
        lu.execute(nexus, dev.clusterlab.engine.scsi.ScsiRequest.dataOut(
                Cdbs.persistentReserveOut(dev.clusterlab.engine.scsi.PrOutAction.REGISTER, 0, 0, 24), Cdbs.prOutParameters(0, 1, false, false)));
        lu.logicalUnitReset(nexus);
        assertThat(fed).isEmpty();
        assertThat(lu.reservations().snapshot().registrants()).hasSize(1);
    }
}
