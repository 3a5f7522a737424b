package dev.clusterlab.engine.target;

import dev.clusterlab.engine.scsi.ItNexus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task set of one logical unit (SAM-5 §8): the commands in flight, by I_T nexus and task tag.
 * Transports that keep commands outstanding (e.g. an iSCSI target waiting for data-out) call
 * {@link #begin} and {@link #end}; task management functions and PREEMPT AND ABORT abort them and
 * tell the {@link AbortListener}s, which complete or drop them on the wire.
 *
 * <p>In-process execution is synchronous, so the set is usually empty; the bookkeeping exists for
 * the transports and is what PREEMPT AND ABORT and the resets act on.
 */
public final class TaskSet {

    /** Told which tasks were aborted. */
    @FunctionalInterface
    public interface AbortListener {
        /**
         * @param tags the aborted tasks' tags, in the order they began
         * @param reportTaskAborted true when each must still complete with TASK ABORTED status (the
         *     Control mode page's TAS bit is one and another I_T nexus caused the abort, SAM-5
         *     §5.6); false when it ends silently
         */
        void tasksAborted(ItNexus nexus, long[] tags, boolean reportTaskAborted);
    }

    private final Map<ItNexus, Set<Long>> tasks = new LinkedHashMap<>();
    private final List<AbortListener> listeners = new ArrayList<>();
    private ItNexus currentNexus;
    private long currentTag = -1;

    /** A task with {@code tag} from {@code nexus} entered the task set. */
    public void begin(ItNexus nexus, long tag) { tasks.computeIfAbsent(nexus, n -> new LinkedHashSet<>()).add(tag); }

    /** The task completed; returns false when it was not in the set (e.g. already aborted). */
    public boolean end(ItNexus nexus, long tag) {
        Set<Long> s = tasks.get(nexus);
        if (s == null || !s.remove(tag)) return false;
        if (s.isEmpty()) tasks.remove(nexus);
        return true;
    }

    public void addListener(AbortListener listener) { listeners.add(listener); }

    public void removeListener(AbortListener listener) { listeners.remove(listener); }

    /** Tags of the tasks of {@code nexus} in flight, oldest first. */
    public long[] inFlight(ItNexus nexus) {
        Set<Long> s = tasks.get(nexus);
        if (s == null) return new long[0];
        long[] out = new long[s.size()];
        int i = 0;
        for (long t : s) out[i++] = t;
        return out;
    }

    /** Nexuses that have tasks in flight. */
    public List<ItNexus> nexusesWithTasks() { return new ArrayList<>(tasks.keySet()); }

    /**
     * Marks the task now executing, which an abort it causes must spare (SPC-4 §5.13.11.2.6: PREEMPT
     * AND ABORT aborts every preempted task "except the task containing the PERSISTENT RESERVE OUT
     * command itself"). Set by {@link LogicalUnit#execute(ItNexus, long, dev.clusterlab.engine.scsi.ScsiRequest)}.
     */
    void setCurrent(ItNexus nexus, long tag) {
        currentNexus = nexus;
        currentTag = tag;
    }

    void clearCurrent() {
        currentNexus = null;
        currentTag = -1;
    }

    /**
     * Aborts every task of {@code nexus} except the one executing now.
     *
     * @return the aborted tags (empty when there were none)
     */
    public long[] abort(ItNexus nexus, boolean reportTaskAborted) {
        Set<Long> s = tasks.get(nexus);
        if (s == null) return new long[0];
        List<Long> aborted = new ArrayList<>();
        for (var it = s.iterator(); it.hasNext(); ) {
            long tag = it.next();
            if (nexus.equals(currentNexus) && tag == currentTag) continue;
            aborted.add(tag);
            it.remove();
        }
        if (s.isEmpty()) tasks.remove(nexus);
        long[] tags = new long[aborted.size()];
        for (int i = 0; i < tags.length; i++) tags[i] = aborted.get(i);
        if (tags.length > 0) for (AbortListener l : List.copyOf(listeners)) l.tasksAborted(nexus, tags, reportTaskAborted);
        return tags;
    }
}
