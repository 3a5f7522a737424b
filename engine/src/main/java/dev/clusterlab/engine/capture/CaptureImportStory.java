package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineEvent.TaskManagementKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rebuilds the SCSI story from iSCSI conversations: each Normal session's login gives an I_T
 * nexus (initiator name + ISID, target name + portal group tag; RFC 7143 §4.4.2, SPC-4 §7.6.4.6),
 * each task (by Initiator Task Tag) a command with its CDB, data-out (immediate and Data-Out
 * PDUs), data-in, status, sense and residual. Task management and logout become timeline events.
 */
final class CaptureImportStory {
    private final long origin;
    private final List<ImportedNexus> nexuses = new ArrayList<>();
    private final List<ImportedCommand> commands = new ArrayList<>();
    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, TreeSet<Integer>> portalGroups = new HashMap<>();
    private long nextCommandId = 1;

    CaptureImportStory(long origin) { this.origin = origin; }

    List<ImportedNexus> nexuses() { return nexuses; }

    /** Every command in capture order (by start time; sessions are read one after the other). */
    List<ImportedCommand> commands() {
        List<ImportedCommand> sorted = new ArrayList<>(commands);
        sorted.sort(Comparator.comparingLong(ImportedCommand::startTime).thenComparingLong(ImportedCommand::commandId));
        return sorted;
    }

    List<String> notes() { return notes; }

    /** The timeline: every event in time order (ties keep conversation order). */
    List<TimelineEvent> events() {
        List<TimelineEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(TimelineEvent::time));
        return sorted;
    }

    /** A task under way: what the initiator sent, what has come back so far. */
    private static final class Task {
        final long id, start;
        final int itt, lun, expectedLength;
        final byte[] cdb;
        final byte[] dataOut;
        final String lu;
        byte[] dataIn = new byte[0];
        int dataInLength;

        Task(long id, long start, int itt, int lun, String lu, byte[] cdb, int outLength, int expectedLength) {
            this.expectedLength = expectedLength;
            this.id = id;
            this.start = start;
            this.itt = itt;
            this.lun = lun;
            this.lu = lu;
            this.cdb = cdb;
            this.dataOut = new byte[outLength];
        }

        void dataIn(int offset, byte[] data, int from, int length) {
            if (offset < 0 || length <= 0) return;
            int end = offset + length;
            if (end > dataIn.length) dataIn = Arrays.copyOf(dataIn, Math.max(end, dataIn.length * 2));
            System.arraycopy(data, from, dataIn, offset, length);
            dataInLength = Math.max(dataInLength, end);
        }

        void dataOut(int offset, byte[] data) {
            if (offset < 0 || offset >= dataOut.length) return;
            System.arraycopy(data, 0, dataOut, offset, Math.min(data.length, dataOut.length - offset));
        }
    }

    /** Per-session state while its PDUs are read. */
    private static final class Session {
        ItNexus nexus;
        ImportedNexus found;
        boolean ended;
    }

    void add(IscsiConversation.Conversation c) {
        String who = c.connection().label();
        if (!c.iscsi()) return;
        Map<String, String> keys = c.loginKeys();
        if ("Discovery".equalsIgnoreCase(keys.get("SessionType"))) {
            notes.add(who + ": a discovery session (SendTargets), no SCSI commands");
            return;
        }
        final Session s = new Session();
        Map<Integer, Task> tasks = new HashMap<>();
        Map<Integer, Pdu.TaskManagementRequest> tmfs = new HashMap<>();
        Set<String> lusUsed = new LinkedHashSet<>();
        long isid = 0;
        for (IscsiConversation.TimedPdu t : c.pdus()) {
            long time = t.time() - origin;
            Pdu pdu = t.pdu();
            if (s.nexus == null && !c.loginSeen()) {
                s.found = unknownNexus(c, time);
                s.nexus = s.found.nexus();
            }
            switch (pdu) {
                case Pdu.LoginRequest r -> isid = r.isid();
                case Pdu.LoginResponse r -> {
                    if (r.statusClass() != 0) {
                        notes.add(who + ": login refused (status class " + r.statusClass() + ", detail " + r.statusDetail() + ")");
                        return;
                    }
                    if (r.transit() && r.nextStage() == 3 && s.nexus == null) {
                        s.found = knownNexus(c, keys, isid, r.tsih(), time);
                        s.nexus = s.found.nexus();
                    }
                }
                case Pdu.ScsiCommand cmd when s.nexus != null -> {
                    int lun = lunNumber(cmd.lun());
                    String lu = luName(s.found.targetName(), lun);
                    lusUsed.add(lu);
                    Task task = new Task(nextCommandId++, time, cmd.itt(), lun, lu, trimCdb(cmd.cdb()),
                            cmd.write() ? Math.max(0, cmd.expectedDataTransferLength()) : 0, cmd.expectedDataTransferLength());
                    task.dataOut(0, cmd.data());
                    tasks.put(cmd.itt(), task);
                }
                case Pdu.DataOut d -> {
                    Task task = tasks.get(d.itt());
                    if (task != null) task.dataOut(d.bufferOffset(), d.data());
                }
                case Pdu.DataIn d -> {
                    Task task = tasks.get(d.itt());
                    if (task == null) break;
                    task.dataIn(d.bufferOffset(), d.data(), d.dataOffset(), d.dataLength());
                    if (d.hasStatus()) {
                        tasks.remove(d.itt());
                        int residual = (d.flags() & Pdu.DataIn.UNDERFLOW) != 0 ? d.residual() : 0;
                        complete(s.nexus, task, time, d.status(), null, residual);
                    }
                }
                case Pdu.ScsiResponse r -> {
                    Task task = tasks.remove(r.itt());
                    if (task == null) break;
                    if (r.response() != 0) {
                        notes.add(who + ": command itt 0x" + Integer.toHexString(r.itt()) + " failed in the target (iSCSI response "
                                + r.response() + ")");
                        continue;
                    }
                    int residual = (r.flags() & 0x02) != 0 ? r.residual() : 0;
                    complete(s.nexus, task, time, r.status(), sense(r.data()), residual);
                }
                case Pdu.TaskManagementRequest r when s.nexus != null -> tmfs.put(r.itt(), r);
                case Pdu.TaskManagementResponse r -> {
                    Pdu.TaskManagementRequest req = tmfs.remove(r.itt());
                    TaskManagementKind kind = req == null ? null : kind(req.function());
                    if (req != null && r.response() == 0 && kind != null) {
                        // A target reset names no LUN (RFC 7143 §11.5.1): it reaches every LU the session used.
                        if (kind == TaskManagementKind.TARGET_RESET && !lusUsed.isEmpty())
                            for (String lu : lusUsed) events.add(new TimelineEvent.TaskManagement(time, lu, s.nexus, kind));
                        else events.add(new TimelineEvent.TaskManagement(time, luName(s.found.targetName(), lunNumber(req.lun())), s.nexus, kind));
                    } else if (req != null) {
                        notes.add(who + ": task management function " + req.function() + " answered " + r.response() + " at "
                                + CaptureImport.seconds(time));
                    }
                }
                case Pdu.LogoutResponse r when s.nexus != null && !s.ended -> {
                    s.ended = true;
                    for (String lu : lusUsed) events.add(new TimelineEvent.TaskManagement(time, lu, s.nexus, TaskManagementKind.I_T_NEXUS_LOSS));
                }
                default -> { }
            }
        }
        for (Task task : tasks.values())
            if (s.nexus != null) {
                events.add(new TimelineEvent.CommandStarted(task.start, task.lu, s.nexus, task.id, task.cdb, task.dataOut));
                commands.add(new ImportedCommand(task.id, task.start, -1, s.nexus, task.lu, task.lun, task.itt, task.expectedLength, task.cdb, task.dataOut,
                        null, null, new byte[0], 0));
                notes.add(who + ": no answer in the capture for " + dev.clusterlab.engine.scsi.decode.ScsiDecoder.summarize(task.cdb, task.dataOut)
                        + " (itt 0x" + Integer.toHexString(task.itt) + ")");
            }
        // The session ended without a logout: the target sees an I_T nexus loss all the same (SAM-5 §6.3.4).
        if (s.nexus != null && !s.ended && c.connection().endTime() != Long.MIN_VALUE)
            for (String lu : lusUsed)
                events.add(new TimelineEvent.TaskManagement(c.connection().endTime() - origin, lu, s.nexus, TaskManagementKind.I_T_NEXUS_LOSS));
    }

    private void complete(ItNexus nexus, Task task, long time, int statusCode, SenseData sense, int residual) {
        ScsiStatus status;
        try {
            status = ScsiStatus.fromCode(statusCode);
        } catch (IllegalArgumentException e) {
            notes.add("itt 0x" + Integer.toHexString(task.itt) + ": unknown SCSI status 0x" + Integer.toHexString(statusCode));
            return;
        }
        if (status != ScsiStatus.CHECK_CONDITION) sense = null;
        byte[] dataIn = Arrays.copyOf(task.dataIn, task.dataInLength);
        commands.add(new ImportedCommand(task.id, task.start, time, nexus, task.lu, task.lun, task.itt, task.expectedLength, task.cdb, task.dataOut, status,
                sense, dataIn, residual));
        events.add(new TimelineEvent.CommandStarted(task.start, task.lu, nexus, task.id, task.cdb, task.dataOut));
        events.add(new TimelineEvent.CommandCompleted(time, task.lu, nexus, task.id, status, sense, dataIn));
    }

    private ImportedNexus knownNexus(IscsiConversation.Conversation c, Map<String, String> keys, long isid, int tsih, long time) {
        String initiator = keys.getOrDefault("InitiatorName", "unknown-initiator");
        String target = keys.getOrDefault("TargetName", "unknown-target@" + c.connection().server());
        int tpgt = parseTag(keys.get("TargetPortalGroupTag"));
        ImportedNexus n = new ImportedNexus(new ItNexus(InitiatorPort.iscsi(initiator, isid), targetPort(target, tpgt)), initiator, isid,
                target, c.connection().server(), tsih, time, true);
        nexuses.add(n);
        return n;
    }

    private ImportedNexus unknownNexus(IscsiConversation.Conversation c, long time) {
        String initiator = "unknown-initiator@" + c.connection().client();
        String target = "unknown-target@" + c.connection().server();
        ImportedNexus n = new ImportedNexus(new ItNexus(InitiatorPort.iscsi(initiator, 0), targetPort(target, 1)), initiator, 0, target,
                c.connection().server(), 0, time, false);
        nexuses.add(n);
        return n;
    }

    /**
     * The target port: named as iSCSI names it ("target,t,0xTPGT", RFC 7143 §4.4.2); relative ids
     * are numbered in tag order, a first guess at what the target reports in VPD page 83h.
     */
    private TargetPort targetPort(String target, int tpgt) {
        TreeSet<Integer> tags = portalGroups.computeIfAbsent(target, k -> new TreeSet<>());
        tags.add(tpgt);
        return CaptureImport.targetPort(target, tpgt, tags.headSet(tpgt).size() + 1);
    }

    /** Every target port seen per target, with consistent relative ids (for the comparison's simulated LU). */
    Map<String, List<TargetPort>> targetPorts() {
        Map<String, List<TargetPort>> out = new TreeMap<>();
        for (ImportedNexus n : nexuses) {
            List<TargetPort> ports = out.computeIfAbsent(n.targetName(), k -> new ArrayList<>());
            if (!ports.contains(n.nexus().target())) ports.add(n.nexus().target());
        }
        return out;
    }

    private static int parseTag(String value) {
        if (value == null) return 1;
        try {
            int tag = Integer.decode(value.trim());
            return tag >= 1 && tag <= 0xFFFF ? tag : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static String luName(String target, int lun) { return target + "/" + lun; }

    /** The LUN of a single-level LUN field, peripheral or flat addressing (SAM-5 §4.7). */
    static int lunNumber(long lunField) { return (int) ((lunField >>> 48) & 0x3FFF); }

    /** The CDB without the padding of the 16-byte field: its length comes from the group code (SPC-4 §4.2.5.1). */
    static byte[] trimCdb(byte[] cdb) {
        if (cdb.length == 0) return cdb;
        int length = switch ((cdb[0] & 0xE0) >>> 5) {
            case 0 -> 6;
            case 1, 2 -> 10;
            case 4 -> 16;
            case 5 -> 12;
            default -> cdb.length;
        };
        return Arrays.copyOf(cdb, Math.min(length, cdb.length));
    }

    /** Sense data from a SCSI Response data segment: SenseLength (2 bytes) then the sense bytes (RFC 7143 §11.4.7.2). */
    private static SenseData sense(byte[] data) {
        if (data.length < 2) return null;
        int length = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
        return SenseCodec.decode(Arrays.copyOfRange(data, 2, data.length), length);
    }

    private static TaskManagementKind kind(int function) {
        return switch (function) {
            case 2 -> TaskManagementKind.ABORT_TASK_SET;
            case 3 -> TaskManagementKind.CLEAR_TASK_SET;
            case 5 -> TaskManagementKind.LOGICAL_UNIT_RESET;
            case 6, 7 -> TaskManagementKind.TARGET_RESET;
            default -> null;
        };
    }
}
