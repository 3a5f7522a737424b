package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuIdentity;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Re-runs an imported command sequence, in capture order, against fresh simulated conforming
 * logical units (one per captured LU, reached through the same I_T nexuses) and reports every
 * answer that differs from what the captured target said: status, sense key/ASC/ASCQ, and for
 * PERSISTENT RESERVE IN the keys, generation, holder and type. Sessions that ended in the capture
 * end here too (I_T nexus loss, SAM-5 §6.3.4), task management functions are applied.
 *
 * <p>Two rules keep both sides in step, as an initiator would: a command their target answered with
 * a unit attention was not executed there (SAM-5 §5.14), so it is not executed here either when
 * nothing is pending here; when only this side reports a unit attention, the command is sent again.
 */
public final class CaptureComparison {
    /** How a difference is judged. */
    public enum Kind {
        /** Their target departs from SPC-4 (or SAM-5). */
        DEVIATION,
        /** The answers differ but SPC-4/SAM-5 permits both (e.g. a power-on notice to a new nexus). */
        PERMITTED,
        /** The states already differed because of an earlier difference; this one may follow from it. */
        CONSEQUENCE
    }

    /**
     * One answer that differs.
     *
     * @param time nanoseconds after the first packet
     * @param nexus the nexus's short name
     * @param command the command, sg_persist-style
     * @param theirs what their target answered
     * @param ours what a conforming logical unit answers
     * @param explanation the difference in words, with its cause where known
     * @param clause the SPC-4/SAM-5 clause, or null
     */
    public record Finding(Kind kind, long time, String nexus, String lu, String command, String theirs, String ours,
                          String explanation, String clause) {}

    /** The findings, in capture order; {@code notCompared} counts commands without an answer in the capture. */
    public record Report(List<Finding> findings, int compared, int notCompared) {
        public Report { findings = List.copyOf(findings); }

        public List<Finding> of(Kind kind) {
            List<Finding> out = new ArrayList<>();
            for (Finding f : findings) if (f.kind() == kind) out.add(f);
            return out;
        }
    }

    private static final int DEFAULT_BLOCK_SIZE = 512;
    private static final long DEFAULT_BLOCKS = 1L << 31; // thin: nothing is allocated until written

    /** One simulated LU and what happened to it that an explanation may point at. */
    static final class Unit {
        final LogicalUnit lu;
        final CaptureComparisonHistory history = new CaptureComparisonHistory();

        Unit(LogicalUnit lu) { this.lu = lu; }
    }

    private final CaptureImport.Result capture;
    private final Map<String, Unit> units = new HashMap<>();
    private final Map<ItNexus, String> names;
    private final List<Finding> findings = new ArrayList<>();
    private long now;

    private CaptureComparison(CaptureImport.Result capture) {
        this.capture = capture;
        this.names = CaptureComparisonExplanations.shortNames(capture.nexuses());
    }

    /** The short name of each nexus, as findings use it: the initiator name's last part ("node-a"), numbered when shared. */
    public static Map<ItNexus, String> shortNames(CaptureImport.Result capture) {
        return CaptureComparisonExplanations.shortNames(capture.nexuses());
    }

    public static Report compare(CaptureImport.Result capture) {
        return new CaptureComparison(capture).run();
    }

    private Report run() {
        Map<Long, ImportedCommand> byId = new HashMap<>();
        for (ImportedCommand c : capture.commands()) byId.put(c.commandId(), c);
        int compared = 0, notCompared = 0;
        for (TimelineEvent e : capture.events()) {
            now = e.time();
            switch (e) {
                case TimelineEvent.CommandStarted s -> {
                    ImportedCommand c = byId.get(s.commandId());
                    if (c == null || !c.answered()) {
                        notCompared++;
                        continue;
                    }
                    compared++;
                    compare(c);
                }
                case TimelineEvent.TaskManagement t -> apply(t);
                default -> { }
            }
        }
        return new Report(findings, compared, notCompared);
    }

    private void apply(TimelineEvent.TaskManagement t) {
        Unit u = units.get(t.lu());
        if (u == null || t.requester() == null) return;
        switch (t.kind()) {
            case LOGICAL_UNIT_RESET -> u.lu.logicalUnitReset(t.requester());
            case TARGET_RESET -> u.lu.targetReset(t.requester());
            case I_T_NEXUS_LOSS -> u.lu.itNexusLoss(t.requester());
            case ABORT_TASK_SET -> u.lu.abortTaskSet(t.requester());
            case CLEAR_TASK_SET -> u.lu.clearTaskSet(t.requester());
            case POWER_ON -> u.lu.powerOn();
        }
        u.history.taskManagement(t, names.getOrDefault(t.requester(), "?"));
    }

    private void compare(ImportedCommand c) {
        Unit u = unit(c);
        ItNexus nexus = c.nexus();
        ReservationSnapshot before = u.lu.reservations().snapshot();
        boolean theirUa = c.status() == ScsiStatus.CHECK_CONDITION && c.sense() != null && c.sense().key() == SenseKey.UNIT_ATTENTION;
        boolean ourUaPending = !u.lu.unitAttentions().pending(nexus).isEmpty();
        CaptureComparisonExplanations ex = new CaptureComparisonExplanations(c, names.getOrDefault(nexus, nexus.toString()), before,
                u.history, names);
        if (theirUa && !ourUaPending) {
            // Their target did not run the command (it reported the unit attention instead); neither do we.
            add(c, ex.unexpectedUnitAttention(), null, u);
            return;
        }
        ScsiResponse ours = u.lu.execute(nexus, new ScsiRequest(c.cdb(), c.dataOut(), Math.max(0, c.expectedLength())));
        if (!theirUa && isUnitAttention(ours)) {
            add(c, ex.missingUnitAttention(ours), ours, u);
            before = u.lu.reservations().snapshot();
            ex = new CaptureComparisonExplanations(c, names.getOrDefault(nexus, nexus.toString()), before, u.history, names);
            ours = u.lu.execute(nexus, new ScsiRequest(c.cdb(), c.dataOut(), Math.max(0, c.expectedLength())));
        }
        CaptureComparisonExplanations.Explanation why = ex.difference(ours);
        if (why != null) add(c, why, ours, u);
        u.history.executed(c, ours, before, u.lu.reservations().snapshot(), names.getOrDefault(nexus, "?"), why != null);
    }

    private void add(ImportedCommand c, CaptureComparisonExplanations.Explanation why, ScsiResponse ours, Unit u) {
        Kind kind = why.kind();
        String text = why.text();
        if (kind == Kind.DEVIATION && u.history.divergedAt() >= 0) {
            kind = Kind.CONSEQUENCE;
            text += " (the states already differ since " + CaptureImport.seconds(u.history.divergedAt()) + ", so this may follow from that)";
        }
        if (why.diverges()) u.history.diverged(now);
        findings.add(new Finding(kind, c.startTime(), names.getOrDefault(c.nexus(), c.nexus().toString()), c.lu(),
                ScsiDecoder.summarize(c.cdb(), c.dataOut()), CaptureComparisonExplanations.describe(c.status(), c.sense()),
                ours == null ? why.ours() : CaptureComparisonExplanations.describe(ours.status(), ours.sense()), text, why.clause()));
    }

    private static boolean isUnitAttention(ScsiResponse r) {
        return r.status() == ScsiStatus.CHECK_CONDITION && r.sense().key() == SenseKey.UNIT_ATTENTION;
    }

    private Unit unit(ImportedCommand c) {
        return units.computeIfAbsent(c.lu(), name -> {
            String target = name.substring(0, name.lastIndexOf('/'));
            List<TargetPort> ports = capture.targetPorts().getOrDefault(target, List.of(c.nexus().target()));
            long[] geometry = geometry(name);
            TreeSet<Integer> luns = new TreeSet<>();
            for (ImportedCommand other : capture.commands()) if (other.lu().startsWith(target + "/")) luns.add(other.lun());
            int[] reported = luns.stream().mapToInt(Integer::intValue).toArray();
            return new Unit(LogicalUnit.builder(name).lun(c.lun()).identity(LuIdentity.forName(name, 0))
                    .store(new MemoryBlockStore((int) geometry[0], geometry[1])).targetPorts(ports)
                    .reportedLuns(reported::clone).clock(() -> now).build());
        });
    }

    /** Block size and count as the captured target reported them (READ CAPACITY), so LBA checks agree. */
    private long[] geometry(String lu) {
        for (ImportedCommand c : capture.commands()) {
            if (!c.lu().equals(lu) || c.status() != ScsiStatus.GOOD) continue;
            byte[] d = c.dataIn();
            int op = c.cdb()[0] & 0xFF;
            long[] g = null;
            if (op == Opcode.READ_CAPACITY_10 && d.length >= 8 && u32(d, 0) != 0xFFFF_FFFFL) g = new long[] {u32(d, 4), u32(d, 0) + 1};
            if (op == Opcode.SERVICE_ACTION_IN_16 && c.cdb().length > 1 && (c.cdb()[1] & 0x1F) == Opcode.SAI_READ_CAPACITY_16 && d.length >= 12)
                g = new long[] {u32(d, 8), ((u32(d, 0) << 32) | u32(d, 4)) + 1};
            if (g != null && plausible(g)) return g;
        }
        return new long[] {DEFAULT_BLOCK_SIZE, DEFAULT_BLOCKS};
    }

    /** A block size the simulated store can have (a power of two, 512 B..1 MiB) and a positive block count below 2^48. */
    private static boolean plausible(long[] g) {
        return g[0] >= 512 && g[0] <= (1 << 20) && Long.bitCount(g[0]) == 1 && g[1] > 0 && g[1] < (1L << 48);
    }

    private static long u32(byte[] d, int at) {
        return ((d[at] & 0xFFL) << 24) | ((d[at + 1] & 0xFFL) << 16) | ((d[at + 2] & 0xFFL) << 8) | (d[at + 3] & 0xFFL);
    }

    /** The findings as report lines: kind, time, nexus, command, their answer, ours, why. */
    public static List<String> lines(Report report) {
        List<String> out = new ArrayList<>();
        Map<Kind, String> labels = new LinkedHashMap<>();
        labels.put(Kind.DEVIATION, "DIFFERS");
        labels.put(Kind.CONSEQUENCE, "FOLLOWS");
        labels.put(Kind.PERMITTED, "PERMITTED");
        for (Finding f : report.findings()) {
            out.add(labels.get(f.kind()) + " " + CaptureImport.seconds(f.time()) + " " + f.nexus() + " " + f.command());
            out.add("    theirs: " + f.theirs() + "; conforming: " + f.ours());
            out.add("    " + f.explanation() + (f.clause() == null ? "" : " [" + f.clause() + "]"));
        }
        return out;
    }
}
