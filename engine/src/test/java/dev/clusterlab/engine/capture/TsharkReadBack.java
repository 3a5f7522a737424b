package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a timeline says the PR commands were, and what tshark reads back from its export, in the
 * same shape so a test compares them with one assertion. Field names are Wireshark 4.0's.
 */
public final class TsharkReadBack {
    private TsharkReadBack() {}

    /** One PERSISTENT RESERVE OUT: service action, type (null where Wireshark shows none), keys as hex. */
    public record PrOut(int serviceAction, Integer type, String reservationKey, String serviceActionKey) {}

    /** PR OUT service actions whose CDB TYPE field Wireshark decodes (SPC-4 §6.16.2: the ones that use it). */
    private static final Set<Integer> TYPED = Set.of(0x01, 0x02, 0x04, 0x05);

    public static List<PrOut> expectedPrOut(List<TimelineEvent> events) {
        List<PrOut> out = new ArrayList<>();
        for (TimelineEvent e : events) {
            if (!(e instanceof TimelineEvent.CommandStarted s) || s.nexus() == null || s.cdb().length < 10
                    || (s.cdb()[0] & 0xFF) != Opcode.PERSISTENT_RESERVE_OUT) continue;
            int sa = s.cdb()[1] & 0x1F;
            byte[] p = s.dataOut();
            boolean keys = p != null && p.length >= 24;
            out.add(new PrOut(sa, TYPED.contains(sa) ? s.cdb()[2] & 0x0F : null,
                    keys ? Bytes.hex(p, 0, 8).toLowerCase(java.util.Locale.ROOT) : null,
                    keys ? Bytes.hex(p, 8, 8).toLowerCase(java.util.Locale.ROOT) : null));
        }
        return out;
    }

    public static List<PrOut> capturedPrOut(Path capture) {
        List<PrOut> out = new ArrayList<>();
        for (List<String> r : Tshark.fields(capture, "scsi.persresvout.svcaction", "scsi.persresvout.svcaction",
                "scsi.persresv.type", "scsi.persresv.reskey", "scsi.persresv.sareskey")) {
            out.add(new PrOut(Integer.decode(r.get(0)), r.get(1).isEmpty() ? null : Integer.decode(r.get(1)),
                    r.get(2).isEmpty() ? null : r.get(2), r.get(3).isEmpty() ? null : r.get(3)));
        }
        return out;
    }

    /** The PR IN service actions of the timeline's commands with a nexus, in order. */
    public static List<Integer> expectedPrIn(List<TimelineEvent> events) {
        List<Integer> out = new ArrayList<>();
        for (TimelineEvent e : events)
            if (e instanceof TimelineEvent.CommandStarted s && s.nexus() != null && s.cdb().length >= 10
                    && (s.cdb()[0] & 0xFF) == Opcode.PERSISTENT_RESERVE_IN) out.add(s.cdb()[1] & 0x1F);
        return out;
    }

    public static List<Integer> capturedPrIn(Path capture) {
        List<Integer> out = new ArrayList<>();
        for (List<String> r : Tshark.fields(capture, "scsi.persresvin.svcaction && iscsi.opcode == 0x01", "scsi.persresvin.svcaction"))
            out.add(Integer.decode(r.get(0)));
        return out;
    }

    /** The SCSI status of every completed command whose start had a nexus, in completion order. */
    public static List<Integer> expectedStatuses(List<TimelineEvent> events) {
        Set<String> started = new java.util.HashSet<>();
        List<Integer> out = new ArrayList<>();
        for (TimelineEvent e : events) {
            if (e instanceof TimelineEvent.CommandStarted s && s.nexus() != null) started.add(s.lu() + "#" + s.commandId());
            if (e instanceof TimelineEvent.CommandCompleted c && started.remove(c.lu() + "#" + c.commandId()))
                out.add(c.status().code());
        }
        return out;
    }

    public static List<Integer> capturedStatuses(Path capture) {
        List<Integer> out = new ArrayList<>();
        for (List<String> r : Tshark.fields(capture, "iscsi.opcode == 0x21", "iscsi.scsiresponse.status"))
            out.add(Integer.decode(r.get(0)));
        return out;
    }

    /** For each nexus, the TCP streams its SCSI Command PDUs travel on (commands matched to frames in order). */
    public static Map<ItNexus, Set<String>> streamsOfNexuses(List<TimelineEvent> events, Path capture) {
        List<ItNexus> nexusOfCommand = new ArrayList<>();
        for (TimelineEvent e : events)
            if (e instanceof TimelineEvent.CommandStarted s && s.nexus() != null) nexusOfCommand.add(s.nexus());
        List<List<String>> rows = Tshark.fields(capture, "iscsi.opcode == 0x01", "tcp.stream");
        if (rows.size() != nexusOfCommand.size())
            throw new AssertionError(rows.size() + " SCSI Command PDUs in the capture, " + nexusOfCommand.size() + " commands in the timeline");
        Map<ItNexus, Set<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++)
            out.computeIfAbsent(nexusOfCommand.get(i), k -> new LinkedHashSet<>()).add(rows.get(i).get(0));
        return out;
    }

    /** tcp.stream -> the InitiatorName and ISID its login announced. */
    public static Map<String, String> loginsByStream(Path capture) {
        Map<String, String> out = new HashMap<>();
        for (List<String> r : Tshark.fields(capture, "iscsi.opcode == 0x03", "tcp.stream", "iscsi.keyvalue", "iscsi.isid")) {
            String name = "";
            for (String kv : r.get(1).split(",")) if (kv.startsWith("InitiatorName=")) name = kv.substring(14);
            out.merge(r.get(0), name + ",i,0x" + r.get(2), (a, b) -> a + " AND " + b);
        }
        return out;
    }

    /** Frames Wireshark finds malformed or flags with an expert warning or error: each as "frame: info". */
    public static List<String> problems(Path capture) {
        List<String> out = new ArrayList<>();
        for (List<String> r : Tshark.fields(capture, "_ws.malformed || _ws.expert.severity >= 0x00600000",
                "frame.number", "_ws.expert.message", "_ws.col.Info"))
            out.add(String.join(": ", r));
        return out;
    }

    /** frame comments, in frame order, of frames that match {@code filter}. */
    public static List<String> comments(Path capture, String filter) {
        List<String> out = new ArrayList<>();
        for (List<String> r : Tshark.fields(capture, filter, "frame.comment")) out.add(r.get(0));
        return out;
    }
}
