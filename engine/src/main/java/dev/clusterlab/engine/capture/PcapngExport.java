package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.TransportId;
import dev.clusterlab.engine.timeline.Narrator;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A timeline as a pcapng capture of iSCSI over TCP that Wireshark and tshark decode down to the
 * SCSI command, PR service action, keys, type and status: one TCP stream per I_T nexus, the lab's
 * narration as packet comments.
 *
 * <p>Layout: each I_T nexus gets its own TCP connection (initiator address per node, one source
 * port per nexus, target address per target port (portal), port 3260), opened with a handshake and a login
 * just before its first command. Each logical unit gets a LUN in order of first appearance. A
 * command's story line (the {@link Narrator} at {@link Narrator.Detail#STORY}) is a comment on its
 * SCSI Command packet; every other told event (node down, fencing, membership, quorum, ...) is a
 * comment, with its own time, on the next packet written, or on the last packet when nothing
 * follows, or on the section header when the capture has no packets at all. Packet times are the
 * timeline's times after {@code start}, nudged forward 1 µs where several packets share one instant.
 *
 * <p>Never fails on odd timelines: commands without a nexus or without a completion, completions
 * without a start, and unnamed logical units are written as far as they go; data-in and data-out
 * beyond 64 KiB are cut, with a note on the packet.
 */
public final class PcapngExport {
    /** Where packet times start when the caller knows no better: the timeline's 0 is this instant. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
    /** The most data-in or data-out a command keeps in the capture. */
    public static final int MAX_DATA = 64 * 1024;
    static final int ISCSI_PORT = 3260;
    private static final long NUDGE_NANOS = 1_000;

    private PcapngExport() {}

    /**
     * Writes {@code events} (a recorded timeline, in order) to {@code out}; {@code describe} names an
     * initiator port as the lab does ("node-a/p1"), or returns null.
     */
    public static void write(List<TimelineEvent> events, Function<InitiatorPort, String> describe, OutputStream out) throws IOException {
        write(events, describe, out, DEFAULT_START);
    }

    /** As {@link #write(List, Function, OutputStream)}, the timeline's time 0 being {@code start} (e.g. a trace's recording start). */
    public static void write(List<TimelineEvent> events, Function<InitiatorPort, String> describe, OutputStream out,
                             Instant start) throws IOException {
        Function<InitiatorPort, String> names = describe != null ? describe : p -> null;
        new Export(events, names, out, start).run();
    }

    /** One export run: the pairing and narration found up front, then the packets in timeline order. */
    private static final class Export {
        private final List<TimelineEvent> events;
        private final Function<InitiatorPort, String> describe;
        private final PcapngWriter writer;
        private final long startNanos;
        private final int[] completionOf, startOf;
        private final Narrator.Line[] lines;
        private final Map<ItNexus, Session> sessions = new LinkedHashMap<>();
        private final Map<String, Integer> luns = new HashMap<>();
        private final Map<String, Integer> hosts = new HashMap<>();
        private final Map<String, Integer> targets = new HashMap<>();
        private final Map<Integer, InFlight> inFlight = new HashMap<>();
        private final List<String> pendingComments = new ArrayList<>();
        private long lastTimestamp = Long.MIN_VALUE;
        private Packet held;

        private record Session(IscsiStreamSynthesizer iscsi, SyntheticConnection tcp) {}

        private record InFlight(Session session, long lun, int itt, byte[] dataIn) {}

        private record Packet(long timestamp, byte[] frame, List<String> comments) {}

        Export(List<TimelineEvent> events, Function<InitiatorPort, String> describe, OutputStream out, Instant start) {
            this.events = events;
            this.describe = describe;
            this.writer = new PcapngWriter(out);
            this.startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
            int n = events.size();
            completionOf = new int[n];
            startOf = new int[n];
            Arrays.fill(completionOf, -1);
            Arrays.fill(startOf, -1);
            lines = new Narrator.Line[n];
        }

        void run() throws IOException {
            boolean anyPacket = prepare();
            List<String> header = new ArrayList<>();
            header.add("ClusterLab timeline export: iSCSI over TCP synthesized from the lab's timeline, "
                    + "one TCP stream per I_T nexus; packet comments carry the lab's narration.");
            if (!anyPacket) {
                header.add("The timeline has no SCSI commands with an I_T nexus, so the capture has no packets.");
                for (Narrator.Line line : lines) if (line != null) header.add(clusterComment(line));
            }
            writer.sectionHeader("ClusterLab", header);
            writer.interfaceDescription(PcapngWriter.LINKTYPE_ETHERNET, 262_144, "clusterlab-san", 9);
            if (!anyPacket) return;
            for (int i = 0; i < events.size(); i++) export(i);
            if (held != null) {
                List<String> comments = new ArrayList<>(held.comments());
                comments.addAll(pendingComments);
                writer.enhancedPacket(0, held.timestamp(), held.frame(), comments);
            }
        }

        /** Pairs starts with completions and narrates every event; true when some packet will be written. */
        private boolean prepare() {
            Narrator narrator = new Narrator(describe, Narrator.Detail.STORY);
            Map<String, Integer> open = new HashMap<>();
            boolean anyPacket = false;
            for (int i = 0; i < events.size(); i++) {
                TimelineEvent event = events.get(i);
                switch (event) {
                    case TimelineEvent.CommandStarted s -> {
                        open.put(commandKey(s.lu(), s.commandId()), i);
                        anyPacket |= s.nexus() != null;
                    }
                    case TimelineEvent.CommandCompleted c -> {
                        Integer s = open.remove(commandKey(c.lu(), c.commandId()));
                        if (s != null) {
                            completionOf[s] = i;
                            startOf[i] = s;
                        }
                    }
                    default -> { }
                }
                lines[i] = narrate(narrator, event);
            }
            return anyPacket;
        }

        /**
         * The story line of {@code event}; null when the narrator cannot tell it. A timeline from a damaged
         * trace may lack fields the narrator relies on, and an export must still be written.
         */
        private static Narrator.Line narrate(Narrator narrator, TimelineEvent event) {
            try {
                return narrator.narrate(event);
            } catch (RuntimeException e) {
                return null;
            }
        }

        private void export(int i) throws IOException {
            TimelineEvent event = events.get(i);
            switch (event) {
                case TimelineEvent.CommandStarted s when s.nexus() != null -> started(i, s);
                case TimelineEvent.CommandCompleted c when startOf[i] >= 0 && inFlight.containsKey(startOf[i]) ->
                        completed(inFlight.remove(startOf[i]), c);
                case TimelineEvent.TaskManagement t when t.requester() != null && taskFunction(t.kind()) > 0 ->
                        taskManagement(i, t);
                default -> {
                    if (lines[i] != null) pendingComments.add(clusterComment(lines[i]));
                }
            }
        }

        private void started(int i, TimelineEvent.CommandStarted s) throws IOException {
            Session session = session(s.nexus(), s.time());
            long lun = lun(s.lu());
            List<String> comments = takePending();
            int j = completionOf[i];
            if (j >= 0 && lines[j] != null) comments.add(commandComment(lines[j]));
            byte[] cdb = s.cdb() != null ? s.cdb() : new byte[0];
            byte[] dataOut = s.dataOut() != null ? s.dataOut() : new byte[0];
            if (dataOut.length > MAX_DATA) {
                comments.add("capture note: data-out of " + dataOut.length + " bytes cut to the first " + MAX_DATA);
                dataOut = Arrays.copyOf(dataOut, MAX_DATA);
            }
            byte[] dataIn = new byte[0];
            if (j >= 0 && events.get(j) instanceof TimelineEvent.CommandCompleted c && c.dataIn() != null) {
                dataIn = c.dataIn();
                if (dataIn.length > MAX_DATA) {
                    comments.add("capture note: data-in of " + dataIn.length + " bytes cut to the first " + MAX_DATA);
                    dataIn = Arrays.copyOf(dataIn, MAX_DATA);
                }
            }
            if (j < 0) comments.add("capture note: the timeline ends before this command completes");
            int itt = session.iscsi().nextTaskTag();
            send(session, session.iscsi().command(lun, cdb, dataOut, dataIn.length), s.time(), comments);
            inFlight.put(i, new InFlight(session, lun, itt, dataIn));
        }

        private void completed(InFlight f, TimelineEvent.CommandCompleted c) throws IOException {
            var status = c.status() != null ? c.status() : dev.clusterlab.engine.scsi.ScsiStatus.GOOD;
            send(f.session(), f.session().iscsi().completion(f.lun(), f.itt(), f.dataIn(), status, c.sense()), c.time(),
                    takePending());
        }

        private void taskManagement(int i, TimelineEvent.TaskManagement t) throws IOException {
            Session session = session(t.requester(), t.time());
            List<String> comments = takePending();
            if (lines[i] != null) comments.add(commandComment(lines[i]));
            send(session, session.iscsi().taskManagement(lun(t.lu()), taskFunction(t.kind())), t.time(), comments);
        }

        /** The session of {@code nexus}, opened (handshake and login) the first time it is used. */
        private Session session(ItNexus nexus, long time) throws IOException {
            Session session = sessions.get(nexus);
            if (session != null) return session;
            int index = sessions.size();
            InitiatorPort port = nexus.initiator();
            String node = port != null ? describe.apply(port) : null;
            if (node != null && node.indexOf('/') > 0) node = node.substring(0, node.indexOf('/'));
            String hostKey = node != null ? node : port != null ? port.displayName() : "?";
            int host = hosts.computeIfAbsent(hostKey, k -> hosts.size());
            String targetName = targetName(nexus);
            // One address per target port (portal group): two paths of a node reach two portals.
            int target = targets.computeIfAbsent(nexus.target() != null ? nexus.target().name() : targetName, k -> targets.size());
            SyntheticConnection tcp = new SyntheticConnection(address(10, 1, host), 40_001 + index, address(10, 2, target),
                    ISCSI_PORT, index);
            IscsiStreamSynthesizer iscsi = new IscsiStreamSynthesizer(initiatorName(port, hostKey), isid(port, index),
                    targetName, index + 1);
            session = new Session(iscsi, tcp);
            sessions.put(nexus, session);
            List<String> comments = new ArrayList<>();
            comments.add("I_T nexus " + (port != null ? port.displayName() : "?") + " -> "
                    + (nexus.target() != null ? nexus.target().name() : "?") + (node != null ? " (" + describe.apply(port) + ")" : ""));
            for (byte[] frame : tcp.handshake()) {
                emit(time, frame, comments);
                comments = new ArrayList<>();
            }
            send(session, iscsi.login(), time, comments);
            return session;
        }

        /** One TCP segment per PDU; {@code comments} go on the first. */
        private void send(Session session, List<IscsiStreamSynthesizer.Wire> wires, long time, List<String> comments) throws IOException {
            List<String> c = comments;
            for (IscsiStreamSynthesizer.Wire w : wires) {
                emit(time, session.tcp().data(w.fromInitiator(), w.bytes()), c);
                c = List.of();
            }
        }

        /** Writes the held packet and holds this one, so trailing cluster comments can still join the last packet. */
        private void emit(long time, byte[] frame, List<String> comments) throws IOException {
            List<String> all = comments;
            if (!pendingComments.isEmpty()) {
                all = new ArrayList<>(pendingComments);
                all.addAll(comments);
                pendingComments.clear();
            }
            long ts = Math.max(startNanos + Math.max(0, time), lastTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : lastTimestamp + NUDGE_NANOS);
            lastTimestamp = ts;
            if (held != null) writer.enhancedPacket(0, held.timestamp(), held.frame(), held.comments());
            held = new Packet(ts, frame, all);
        }

        private List<String> takePending() {
            List<String> c = new ArrayList<>(pendingComments);
            pendingComments.clear();
            return c;
        }

        private long lun(String lu) {
            String key = lu != null ? lu : "";
            return IscsiStreamSynthesizer.lunField(luns.computeIfAbsent(key, k -> luns.size()));
        }

        private String clusterComment(Narrator.Line line) {
            return String.format(Locale.ROOT, "[%.6f s] %s: %s", line.time() / 1e9, line.actor(), line.text());
        }

        private static String commandComment(Narrator.Line line) { return line.actor() + ": " + line.text(); }

        private static String commandKey(String lu, long id) { return lu + "#" + id; }
    }

    /** The iSCSI TMF function for a timeline task management event, or 0 when it is no initiator request (RFC 7143 §11.5.1). */
    static int taskFunction(TimelineEvent.TaskManagementKind kind) {
        return switch (kind) {
            case ABORT_TASK_SET -> 2;
            case CLEAR_TASK_SET -> 3;
            case LOGICAL_UNIT_RESET -> 5;
            case TARGET_RESET -> 6;
            case I_T_NEXUS_LOSS, POWER_ON -> 0;
        };
    }

    /** The target's iSCSI name: the target port name without its ",t,0x..." portal group suffix. */
    static String targetName(ItNexus nexus) {
        if (nexus.target() == null) return "iqn.2026-01.dev.clusterlab:target";
        String name = nexus.target().name();
        int cut = name.toLowerCase(Locale.ROOT).indexOf(",t,");
        return cut > 0 ? name.substring(0, cut) : name;
    }

    /** The port's iSCSI name, or one made up from its FC/SAS name so Wireshark still names the session. */
    static String initiatorName(InitiatorPort port, String host) {
        if (port != null && port.transportId() instanceof TransportId.Iscsi iscsi) return iscsi.name();
        String base = port != null ? port.displayName() : host;
        return "iqn.2026-01.dev.clusterlab:" + base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    }

    /** The port's ISID, or a random-type ISID (RFC 7143 §11.12.5, T=10b) numbered by session. */
    static long isid(InitiatorPort port, int index) {
        if (port != null && port.transportId() instanceof TransportId.Iscsi iscsi && iscsi.hasIsid()) return iscsi.isid();
        return 0x8000_0000_0000L | index;
    }

    private static int address(int a, int b, int index) {
        return a << 24 | b << 16 | ((index / 250) & 0xFF) << 8 | (index % 250 + 1);
    }
}
