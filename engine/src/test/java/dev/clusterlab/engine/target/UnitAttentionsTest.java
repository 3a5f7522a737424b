package dev.clusterlab.engine.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The unit attention queues (SAM-5 §5.14, SPC-4 §4.5.5). */
class UnitAttentionsTest {
    static final TargetPort P = new TargetPort(1, "p1", 1);
    static final ItNexus X = new ItNexus(InitiatorPort.iscsi("iqn.x", 1), P);
    static final ItNexus Y = new ItNexus(InitiatorPort.iscsi("iqn.y", 2), P);
    final UnitAttentions uas = new UnitAttentions();

    @Test
    @DisplayName("Conditions are reported oldest first, one per command")
    void fifoPerNexus() {
        uas.queue(X, AdditionalSense.RESERVATIONS_RELEASED);
        uas.queue(X, AdditionalSense.MODE_PARAMETERS_CHANGED);
        assertThat(uas.take(X)).isEqualTo(AdditionalSense.RESERVATIONS_RELEASED);
        assertThat(uas.take(X)).isEqualTo(AdditionalSense.MODE_PARAMETERS_CHANGED);
        assertThat(uas.take(X)).isNull();
    }

    @Test
    @DisplayName("An identical pending condition is not queued twice (corner case 22)")
    void duplicatesAreSuppressed() {
        uas.queue(X, AdditionalSense.REGISTRATIONS_PREEMPTED);
        uas.queue(X, AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(uas.pending(X)).containsExactly(AdditionalSense.REGISTRATIONS_PREEMPTED);
    }

    @Test
    @DisplayName("Queues are per I_T nexus")
    void queuesArePerNexus() {
        uas.queue(X, AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(uas.take(Y)).isNull();
        assertThat(uas.pending(X)).hasSize(1);
    }

    @Test
    @DisplayName("INQUIRY, REPORT LUNS and REQUEST SENSE never report a UA through the pipeline; other commands do")
    void exemptCommandsDoNotReport() {
        uas.queue(X, AdditionalSense.REGISTRATIONS_PREEMPTED);
        assertThat(uas.takeReportable(X, Opcode.INQUIRY)).isNull();
        assertThat(uas.takeReportable(X, Opcode.REPORT_LUNS)).isNull();
        assertThat(uas.takeReportable(X, Opcode.REQUEST_SENSE)).isNull();
        assertThat(uas.takeReportable(X, Opcode.PERSISTENT_RESERVE_IN)).isEqualTo(AdditionalSense.REGISTRATIONS_PREEMPTED);
    }

    @Test
    @DisplayName("Overflow keeps the oldest conditions and turns the newest slot into 29h/00h")
    void overflowKeepsOldestAndEndsWithGenericReset() {
        UnitAttentions small = new UnitAttentions("lu", dev.clusterlab.engine.timeline.TimelineSink.DISCARD, () -> 0, 3);
        small.queue(X, new AdditionalSense(0x2A, 0x03));
        small.queue(X, new AdditionalSense(0x2A, 0x04));
        small.queue(X, new AdditionalSense(0x2A, 0x05));
        small.queue(X, new AdditionalSense(0x3F, 0x0E));
        small.queue(X, new AdditionalSense(0x2A, 0x01));
        assertThat(small.pending(X)).containsExactly(new AdditionalSense(0x2A, 0x03), new AdditionalSense(0x2A, 0x04),
                AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET);
    }

    @Test
    @DisplayName("A flood of distinct conditions never grows a queue beyond its capacity")
    void queueIsBounded() {
        for (int i = 0; i < 10_000; i++) uas.queue(X, new AdditionalSense(0x80 + (i % 0x7F), i & 0xFF));
        assertThat(uas.pending(X)).hasSize(UnitAttentions.DEFAULT_CAPACITY);
    }

    @Test
    @DisplayName("queueForOthers reaches every known nexus except the given one (MODE PARAMETERS CHANGED)")
    void queueForOthersSkipsTheRequester() {
        uas.noteNexus(X);
        uas.noteNexus(Y);
        uas.queueForOthers(X, AdditionalSense.MODE_PARAMETERS_CHANGED);
        assertThat(uas.pending(X)).isEmpty();
        assertThat(uas.pending(Y)).containsExactly(AdditionalSense.MODE_PARAMETERS_CHANGED);
    }

    @Test
    @DisplayName("After power on every nexus, including one never seen before, first reports 29h/01h")
    void powerOnReachesKnownAndNewNexuses() {
        uas.noteNexus(X);
        uas.queue(X, AdditionalSense.REGISTRATIONS_PREEMPTED);
        uas.powerOn();
        assertThat(uas.pending(X)).containsExactly(AdditionalSense.POWER_ON_OCCURRED);
        assertThat(uas.take(Y)).isEqualTo(AdditionalSense.POWER_ON_OCCURRED);
        assertThat(uas.take(Y)).isNull();
    }

    @Test
    @DisplayName("A freshly built LU is quiet: new nexuses get no power-on UA until powerOn()")
    void freshUnitIsQuiet() { assertThat(uas.take(Y)).isNull(); }

    @Test
    @DisplayName("Each queued condition is recorded on the timeline when recording")
    void queuedConditionsAreRecorded() {
        Timeline t = new Timeline();
        UnitAttentions rec = new UnitAttentions("disk1", t, () -> 42, 8);
        rec.queue(X, AdditionalSense.RESERVATIONS_RELEASED);
        rec.queue(X, AdditionalSense.RESERVATIONS_RELEASED);
        assertThat(t.ofType(TimelineEvent.UnitAttentionQueued.class))
                .containsExactly(new TimelineEvent.UnitAttentionQueued(42, "disk1", X, AdditionalSense.RESERVATIONS_RELEASED));
    }
}
