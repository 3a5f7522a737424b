package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Resets, nexus loss, power on and aborts (notes §4.2; SAM-5 §6-7; SPC-4 §5.13.11.2.6). */
class TaskManagementTest {
    final PrFixture f = PrFixture.create();

    void setup() {
        f.connectAll();
        f.registerIgnore(A1, 0xA1);
        f.registerIgnore(B1, 0xB1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 0xA1);
    }

    @Test
    @DisplayName("LU reset: SPC-2 reservation released, PR kept, 29h/03h to every nexus of the LU (corner case 23)")
    void logicalUnitReset() {
        f.connectAll();
        f.run(C1, Cdbs.reserve6());
        f.lu.logicalUnitReset(C1);
        assertThat(f.lu.reservations().spc2Holder()).isNull();
        for (ItNexus n : ALL_NEXUSES) assertThat(f.pending(n)).as(n.toString()).containsExactly(AdditionalSense.BUS_DEVICE_RESET_FUNCTION_OCCURRED);
        // Reserve6.LUNReset: another initiator can now reserve and release.
        f.drain(D1);
        Expect.good(f.run(D1, Cdbs.reserve6()));
        Expect.good(f.run(D1, Cdbs.release6()));
    }

    @Test
    @DisplayName("LU reset keeps registrations and the persistent reservation")
    void logicalUnitResetKeepsPersistentReservations() {
        setup();
        var before = f.lu.reservations().snapshot();
        f.lu.logicalUnitReset(B1);
        assertThat(f.lu.reservations().snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("Target reset: SPC-2 released, PR kept, 29h/02h (hard reset) to every nexus")
    void targetReset() {
        setup();
        var before = f.lu.reservations().snapshot();
        f.lu.targetReset(A1);
        assertThat(f.lu.reservations().snapshot()).isEqualTo(before);
        assertThat(f.pending(C2)).containsExactly(AdditionalSense.SCSI_BUS_RESET_OCCURRED);
    }

    @Test
    @DisplayName("I_T nexus loss: its SPC-2 reservation is released; 29h/07h waits for it; others unaffected (Reserve6.Logout)")
    void nexusLossReleasesSpc2() {
        f.connectAll();
        f.run(A1, Cdbs.reserve6());
        Expect.conflict(f.run(B1, Cdbs.reserve6()));
        f.lu.itNexusLoss(A1);
        assertThat(f.pending(A1)).containsExactly(AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
        assertThat(f.pending(B1)).isEmpty();
        Expect.good(f.run(B1, Cdbs.reserve6()));
        Expect.good(f.run(B1, Cdbs.release6()));
        Expect.unitAttention(f.tur(A1), AdditionalSense.I_T_NEXUS_LOSS_OCCURRED);
    }

    @Test
    @DisplayName("I_T nexus loss of a non-owner leaves the SPC-2 reservation alone; PR is always kept")
    void nexusLossOfOthersKeepsReservations() {
        setup();
        var before = f.lu.reservations().snapshot();
        f.lu.itNexusLoss(A1);
        assertThat(f.lu.reservations().snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("Power on without APTPL: everything dropped, PRgeneration 0, 29h/01h for every nexus, new ones included")
    void powerOnWithoutAptplDropsEverything() {
        setup();
        f.lu.powerOn();
        assertThat(f.lu.reservations().snapshot().registrants()).isEmpty();
        assertThat(f.lu.reservations().snapshot().reserved()).isFalse();
        assertThat(f.pending(A1)).containsExactly(AdditionalSense.POWER_ON_OCCURRED);
        ItNexus newcomer = new ItNexus(dev.clusterlab.engine.scsi.InitiatorPort.iscsi("iqn.2026-11.lab:late", 9), P1);
        Expect.unitAttention(f.tur(newcomer), AdditionalSense.POWER_ON_OCCURRED);
        Expect.good(f.tur(newcomer));
    }

    @Test
    @DisplayName("Power on clears pending UAs other than the power-on one")
    void powerOnReplacesPendingUnitAttentions() {
        setup();
        f.clear(B1, 0xB1);
        f.lu.powerOn();
        assertThat(f.pending(A1)).containsExactly(AdditionalSense.POWER_ON_OCCURRED);
    }

    @Test
    @DisplayName("ABORT TASK SET aborts only the requester's tasks and raises no UA")
    void abortTaskSetAffectsOnlyRequester() {
        List<String> aborted = new ArrayList<>();
        f.lu.taskSet().addListener((n, tags, tas) -> aborted.add(n.initiator().displayName() + tags.length));
        f.connectAll();
        f.lu.taskSet().begin(A1, 1);
        f.lu.taskSet().begin(B1, 2);
        f.lu.abortTaskSet(A1);
        assertThat(aborted).containsExactly(A.displayName() + 1);
        assertThat(f.lu.taskSet().inFlight(B1)).containsExactly(2);
        assertThat(f.pending(B1)).isEmpty();
    }

    @Test
    @DisplayName("CLEAR TASK SET with TAS=0 aborts everyone's tasks and gives the others 2Fh/00h")
    void clearTaskSetNotifiesOthers() {
        f.connectAll();
        f.lu.taskSet().begin(A1, 1);
        f.lu.taskSet().begin(B1, 2);
        f.lu.clearTaskSet(A1);
        assertThat(f.lu.taskSet().nexusesWithTasks()).isEmpty();
        assertThat(f.pending(B1)).containsExactly(AdditionalSense.COMMANDS_CLEARED_BY_ANOTHER_INITIATOR);
        assertThat(f.pending(A1)).isEmpty();
    }

    @Test
    @DisplayName("PREEMPT AND ABORT aborts the preempted nexuses' tasks; with TAS=0 they get 2Ah/05h then 2Fh/00h")
    void preemptAndAbortAbortsVictimsTasks() {
        setup();
        List<String> aborted = new ArrayList<>();
        f.lu.taskSet().addListener((n, tags, tas) -> aborted.add(n.initiator().displayName() + ":" + tags.length + ":" + tas));
        f.lu.taskSet().begin(A1, 10);
        f.lu.taskSet().begin(A1, 11);
        f.lu.taskSet().begin(C1, 12); // not registered: not a victim
        Expect.good(f.preemptAndAbort(B1, PrType.EXCLUSIVE_ACCESS, 0xB1, 0xA1));
        assertThat(aborted).containsExactly(A.displayName() + ":2:false");
        assertThat(f.lu.taskSet().inFlight(C1)).containsExactly(12);
        assertThat(f.pending(A1)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED, AdditionalSense.COMMANDS_CLEARED_BY_ANOTHER_INITIATOR);
        assertThat(f.reservation(B1)).containsExactly(0xB1, 3);
        assertThat(f.timeline.ofType(TimelineEvent.TasksAborted.class)).hasSize(1);
    }

    @Test
    @DisplayName("PREEMPT AND ABORT with TAS=1: aborted tasks complete with TASK ABORTED, no 2Fh/00h")
    void preemptAndAbortWithTasReportsTaskAborted() {
        AtomicBoolean tas = new AtomicBoolean(true);
        PrFixture g = PrFixture.withTas(tas::get);
        g.connectAll();
        g.registerIgnore(A1, 0xA1);
        g.registerIgnore(B1, 0xB1);
        List<Boolean> flags = new ArrayList<>();
        g.lu.taskSet().addListener((n, tags, t) -> flags.add(t));
        g.lu.taskSet().begin(A1, 1);
        Expect.good(g.preemptAndAbort(B1, PrType.WRITE_EXCLUSIVE, 0xB1, 0xA1));
        assertThat(flags).containsExactly(true);
        assertThat(g.pending(A1)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
    }

    @Test
    @DisplayName("PREEMPT AND ABORT spares the task carrying the PR OUT itself, even when the requester preempts its own key")
    void preemptAndAbortSparesItsOwnTask() {
        setup();
        f.lu.taskSet().begin(A1, 5);
        f.lu.taskSet().begin(A1, 6);
        var params = Cdbs.prOutParameters(0xA1, 0xA1, false, false);
        var cdb = Cdbs.persistentReserveOut(dev.clusterlab.engine.scsi.PrOutAction.PREEMPT_AND_ABORT, 0, 1, 24);
        Expect.good(f.lu.execute(A1, 6, ScsiRequest.dataOut(cdb, params)));
        assertThat(f.lu.taskSet().inFlight(A1)).containsExactly(6);
        assertThat(f.pending(A1)).as("no 2Fh/00h to the requester").isEmpty();
    }

    @Test
    @DisplayName("PREEMPT (without abort) aborts nothing")
    void plainPreemptAbortsNothing() {
        setup();
        f.lu.taskSet().begin(A1, 1);
        f.preempt(B1, PrType.EXCLUSIVE_ACCESS, 0xB1, 0xA1);
        assertThat(f.lu.taskSet().inFlight(A1)).containsExactly(1);
    }

    @Test
    @DisplayName("Task management is recorded on the timeline")
    void taskManagementIsRecorded() {
        f.lu.logicalUnitReset(A1);
        f.lu.itNexusLoss(B1);
        assertThat(f.timeline.ofType(TimelineEvent.TaskManagement.class)).extracting(TimelineEvent.TaskManagement::kind)
                .containsExactly(TimelineEvent.TaskManagementKind.LOGICAL_UNIT_RESET, TimelineEvent.TaskManagementKind.I_T_NEXUS_LOSS);
    }
}
