package dev.clusterlab.engine.target;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.sim.Clock;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pending unit attention conditions of one logical unit, one FIFO queue per I_T nexus (SAM-5 §5.14:
 * unit attentions are established per I_T nexus; SPC-4 §4.5.5 allows queueing several and reporting
 * them one per command, oldest first).
 *
 * <p>It also keeps the set of I_T nexuses "known" to the logical unit: every nexus that sent a
 * command or was registered. Broadcast conditions (resets, MODE PARAMETERS CHANGED) go to these.
 *
 * <p>Rules implemented here:
 * <ul>
 *   <li>A condition already pending on a nexus (same ASC/ASCQ) is not queued twice (SPC-4 §4.5.5
 *       lets a device server coalesce identical conditions).
 *   <li>A queue holds at most {@link #DEFAULT_CAPACITY} conditions so that an initiator that never
 *       clears them cannot make memory grow without bound. On overflow the oldest conditions are kept
 *       and the newest slot is replaced by 29h/00h POWER ON, RESET, OR BUS DEVICE RESET OCCURRED: the
 *       most general condition, which tells the initiator to re-read all device state, so nothing it
 *       missed stays hidden.
 *   <li>After {@link #powerOn()} every nexus, including one never seen before, first reports 29h/01h
 *       POWER ON OCCURRED. A freshly built logical unit does not: it starts as if its initiators had
 *       already cleared the power-on condition, so scenarios begin from a quiet state.
 * </ul>
 */
public final class UnitAttentions {
    /** Conditions kept per I_T nexus before overflow handling starts. */
    public static final int DEFAULT_CAPACITY = 32;

    private final String lu;
    private final TimelineSink timeline;
    private final Clock clock;
    private final int capacity;
    private final Map<ItNexus, Queue> queues = new LinkedHashMap<>();
    private boolean poweredOn;
    // One-entry cache: consecutive commands usually come from the same nexus.
    private ItNexus lastNexus;
    private Queue lastQueue;

    /** Unit attentions that are not recorded on a timeline. */
    public UnitAttentions() { this("lu", TimelineSink.DISCARD, () -> 0L, DEFAULT_CAPACITY); }

    public UnitAttentions(String lu, TimelineSink timeline, Clock clock, int capacityPerNexus) {
        if (capacityPerNexus < 1) throw new IllegalArgumentException("capacity must be at least 1");
        this.lu = lu;
        this.timeline = timeline;
        this.clock = clock;
        this.capacity = capacityPerNexus;
    }

    /** Records that {@code nexus} exists (it sent a command or was registered). */
    public void noteNexus(ItNexus nexus) { queueOf(nexus); }

    /** Every I_T nexus known to the logical unit, in the order they were first seen. */
    public List<ItNexus> knownNexuses() { return new ArrayList<>(queues.keySet()); }

    public boolean isKnown(ItNexus nexus) { return queues.containsKey(nexus); }

    /** Establishes {@code condition} for {@code nexus}. */
    public void queue(ItNexus nexus, AdditionalSense condition) { queueOf(nexus).add(nexus, condition); }

    /** Establishes {@code condition} for every known nexus. */
    public void queueForAll(AdditionalSense condition) {
        for (Map.Entry<ItNexus, Queue> e : queues.entrySet()) e.getValue().add(e.getKey(), condition);
    }

    /** Establishes {@code condition} for every known nexus except {@code except} (e.g. MODE PARAMETERS CHANGED). */
    public void queueForOthers(ItNexus except, AdditionalSense condition) {
        for (Map.Entry<ItNexus, Queue> e : queues.entrySet())
            if (!e.getKey().equals(except)) e.getValue().add(e.getKey(), condition);
    }

    /**
     * Removes and returns the oldest pending condition for {@code nexus} if a command with
     * {@code opcode} reports it, else null. INQUIRY, REPORT LUNS and REQUEST SENSE never report a
     * unit attention (SAM-5 §5.14; SPC-4 §6.4.1, §6.33, §6.39); REQUEST SENSE takes it via {@link #take}.
     */
    public AdditionalSense takeReportable(ItNexus nexus, int opcode) {
        if (opcode == Opcode.INQUIRY || opcode == Opcode.REPORT_LUNS || opcode == Opcode.REQUEST_SENSE) {
            noteNexus(nexus);
            return null;
        }
        return take(nexus);
    }

    /** Removes and returns the oldest pending condition (REQUEST SENSE), or null. */
    public AdditionalSense take(ItNexus nexus) { return queueOf(nexus).poll(); }

    /** The conditions pending for {@code nexus}, oldest first, without clearing them. */
    public List<AdditionalSense> pending(ItNexus nexus) {
        Queue q = queues.get(nexus);
        return q == null ? List.of() : q.snapshot();
    }

    /** Drops every pending condition of every nexus (the known set is kept). */
    public void clearAll() { for (Queue q : queues.values()) q.clear(); }

    /**
     * Power on (SAM-5 §6.3.1): previous conditions are lost and every nexus, known or not, reports
     * 29h/01h POWER ON OCCURRED on its next command.
     */
    public void powerOn() {
        poweredOn = true;
        for (Map.Entry<ItNexus, Queue> e : queues.entrySet()) {
            e.getValue().clear();
            e.getValue().add(e.getKey(), AdditionalSense.POWER_ON_OCCURRED);
        }
    }

    private Queue queueOf(ItNexus nexus) {
        if (nexus == lastNexus) return lastQueue;
        Queue q = queues.get(nexus);
        if (q == null) {
            q = new Queue(capacity);
            queues.put(nexus, q);
            if (poweredOn) q.add(nexus, AdditionalSense.POWER_ON_OCCURRED);
        }
        lastNexus = nexus;
        lastQueue = q;
        return q;
    }

    /** A bounded ring of conditions for one nexus. */
    private final class Queue {
        private final AdditionalSense[] ring;
        private int head;
        private int size;

        Queue(int capacity) { this.ring = new AdditionalSense[capacity]; }

        void add(ItNexus nexus, AdditionalSense condition) {
            for (int i = 0; i < size; i++) if (ring[(head + i) % ring.length].equals(condition)) return;
            if (size == ring.length) {
                int newest = (head + size - 1) % ring.length;
                if (ring[newest].equals(AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET)) return;
                ring[newest] = AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET;
                condition = AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET;
            } else {
                ring[(head + size) % ring.length] = condition;
                size++;
            }
            if (timeline.recording())
                timeline.append(new TimelineEvent.UnitAttentionQueued(clock.nowNanos(), lu, nexus, condition));
        }

        AdditionalSense poll() {
            if (size == 0) return null;
            AdditionalSense c = ring[head];
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
            return c;
        }

        void clear() {
            while (size > 0) poll();
            head = 0;
        }

        List<AdditionalSense> snapshot() {
            List<AdditionalSense> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) out.add(ring[(head + i) % ring.length]);
            return out;
        }
    }
}
