package dev.clusterlab.app.export;

import dev.clusterlab.engine.scenario.SgPersistFormat;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import dev.clusterlab.engine.timeline.Narrator;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.views.session.LabSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a support engineer wants to know about a session, read once from its timeline: the story
 * (the narrator's important lines), who held each disk's reservation when, where each group ran,
 * the commands that failed (grouped: a fenced node may retry a write hundreds of times), the
 * integrity monitor's findings, fencing and node state changes.
 */
record SessionFacts(long end, int eventCount, List<Told> story, Map<String, List<Interval>> holders,
                    Map<String, List<Interval>> groups, List<FailureGroup> failures,
                    List<TimelineEvent.IntegrityViolation> violations, List<Finding> findings, List<TimelineEvent.NodeFenced> fencings,
                    List<TimelineEvent.NodeStateChanged> nodeStates) {

    /** A story line and how often the same actor said the same thing again, until when (a lossy node writes every second). */
    record Told(Narrator.Line line, int times, long last) {}

    /** An integrity finding and how often the monitor repeated it, until when. */
    record Finding(TimelineEvent.IntegrityViolation first, int times, long last) {}

    /** From {@code from} until {@code to} (the session's end when still so at the end), {@code what} was the case. */
    record Interval(long from, long to, String what) {}

    /** Failed commands of one kind from one path to one disk with one outcome: how many, when first and last, one example. */
    record FailureGroup(String who, String disk, String command, ScsiStatus status, String outcome, int count, long first, long last,
                        String example) {
        FailureGroup another(long time) { return new FailureGroup(who, disk, command, status, outcome, count + 1, first, time, example); }
    }

    static SessionFacts of(LabSession session) {
        List<TimelineEvent> events = session.timeline().all();
        long end = session.end();
        Function<InitiatorPort, String> names = port -> {
            String n = session.describe(port);
            return n != null ? n : port.displayName();
        };
        Narrator narrator = new Narrator(session::describe, Narrator.Detail.STORY);
        Map<String, Told> story = new LinkedHashMap<>();
        Map<String, Finding> findings = new LinkedHashMap<>();
        Map<String, List<Interval>> holders = new LinkedHashMap<>();
        for (String disk : session.topology().diskNames()) holders.put(disk, new ArrayList<>());
        Map<String, List<Interval>> groups = new LinkedHashMap<>();
        Map<String, Set<String>> groupOnline = new HashMap<>();
        Map<String, FailureGroup> failures = new LinkedHashMap<>();
        Map<String, TimelineEvent.CommandStarted> started = new HashMap<>();
        List<TimelineEvent.IntegrityViolation> violations = new ArrayList<>();
        List<TimelineEvent.NodeFenced> fencings = new ArrayList<>();
        List<TimelineEvent.NodeStateChanged> nodeStates = new ArrayList<>();
        for (TimelineEvent event : events) {
            Narrator.Line line = narrator.narrate(event);
            if (line != null && line.important()) {
                story.merge(line.actor() + "|" + line.text(), new Told(line, 1, line.time()),
                        (a, b) -> new Told(a.line(), a.times() + 1, b.last()));
            }
            switch (event) {
                case TimelineEvent.ReservationChanged e ->
                        change(holders.computeIfAbsent(e.lu(), k -> new ArrayList<>()), e.time(), holderOf(e.after(), names));
                case TimelineEvent.GroupStateChanged e -> {
                    Set<String> on = groupOnline.computeIfAbsent(e.group(), k -> new LinkedHashSet<>());
                    if (e.online()) on.add(e.node());
                    else on.remove(e.node());
                    change(groups.computeIfAbsent(e.group(), k -> new ArrayList<>()), e.time(),
                            on.isEmpty() ? "offline" : "online on " + String.join(" and ", on));
                }
                case TimelineEvent.CommandStarted e -> { if (e.nexus() != null) started.put(e.lu() + "#" + e.commandId(), e); }
                case TimelineEvent.CommandCompleted e -> {
                    TimelineEvent.CommandStarted s = started.remove(e.lu() + "#" + e.commandId());
                    if (s != null && e.status() != ScsiStatus.GOOD) failed(failures, s, e, names);
                }
                case TimelineEvent.IntegrityViolation e -> {
                    violations.add(e);
                    findings.merge(e.kind() + "|" + e.disk() + "|" + e.node() + "|" + e.other() + "|" + e.detail(), new Finding(e, 1, e.time()),
                            (a, b) -> new Finding(a.first(), a.times() + 1, b.last()));
                }
                case TimelineEvent.NodeFenced e -> fencings.add(e);
                case TimelineEvent.NodeStateChanged e -> nodeStates.add(e);
                default -> { }
            }
        }
        return new SessionFacts(end, events.size(), List.copyOf(story.values()), close(holders, end), close(groups, end),
                List.copyOf(failures.values()), violations, List.copyOf(findings.values()), fencings, nodeStates);
    }

    /** Who holds {@code s}, in words: the persistent holder(s) with type and key, a SCSI-2 holder, or nobody. */
    static String holderOf(ReservationSnapshot s, Function<InitiatorPort, String> names) {
        List<String> parts = new ArrayList<>();
        if (s.spc2Holder() != null) parts.add("SCSI-2 RESERVE by " + names.apply(s.spc2Holder().initiator()));
        if (s.reserved()) {
            Map<String, Set<String>> pathsOfNode = new LinkedHashMap<>();
            Set<Long> keys = new LinkedHashSet<>();
            for (ReservationSnapshot.Registrant r : s.registrants()) {
                if (!r.holder()) continue;
                String path = names.apply(r.initiator());
                int slash = path.indexOf('/');
                String node = slash < 0 ? path : path.substring(0, slash);
                pathsOfNode.computeIfAbsent(node, k -> new LinkedHashSet<>()).add(slash < 0 ? "" : path.substring(slash + 1));
                keys.add(r.key());
            }
            List<String> who = new ArrayList<>();
            pathsOfNode.forEach((node, paths) -> who.add(node + (paths.contains("") ? "" : " (" + String.join(", ", paths) + ")")));
            List<String> hexKeys = new ArrayList<>();
            for (long k : keys) hexKeys.add("0x" + Long.toHexString(k));
            parts.add((who.isEmpty() ? "nobody" : String.join(", ", who)) + ", " + SgPersistFormat.typeName(s.reservationType())
                    + (hexKeys.isEmpty() ? "" : ", key " + String.join(", ", hexKeys)));
        }
        if (parts.isEmpty()) {
            int n = s.registrants().size();
            parts.add("not reserved (" + n + " registration" + (n == 1 ? "" : "s") + ")");
        }
        return String.join("; ", parts);
    }

    private static void failed(Map<String, FailureGroup> failures, TimelineEvent.CommandStarted s, TimelineEvent.CommandCompleted e,
                               Function<InitiatorPort, String> names) {
        String who = names.apply(s.nexus().initiator());
        String label = ScsiDecoder.summarize(s.cdb(), s.dataOut());
        String command = commandName(label);
        String outcome = e.status().label() + (e.sense() != null ? " " + e.sense() : "");
        String key = who + "|" + e.lu() + "|" + command + "|" + outcome;
        FailureGroup known = failures.get(key);
        failures.put(key, known == null ? new FailureGroup(who, e.lu(), command, e.status(), outcome, 1, e.time(), e.time(), label)
                : known.another(e.time()));
    }

    /** The command's name without its fields: "WRITE(10) lba=0 len=1" -> "WRITE(10)", "PR OUT PREEMPT rk=..." -> "PR OUT PREEMPT". */
    static String commandName(String label) {
        StringBuilder b = new StringBuilder();
        for (String word : label.split(" ")) {
            if (word.contains("=")) break;
            if (!b.isEmpty()) b.append(' ');
            b.append(word);
        }
        return b.isEmpty() ? label : b.toString();
    }

    /** Starts a new interval at {@code time} unless the state is unchanged (several events at one instant: the last wins). */
    private static void change(List<Interval> intervals, long time, String what) {
        if (!intervals.isEmpty()) {
            Interval last = intervals.getLast();
            if (last.what().equals(what)) return;
            if (last.from() == time) {
                intervals.removeLast();
                change(intervals, time, what);
                return;
            }
            intervals.set(intervals.size() - 1, new Interval(last.from(), time, last.what()));
        }
        intervals.add(new Interval(time, -1, what));
    }

    private static Map<String, List<Interval>> close(Map<String, List<Interval>> open, long end) {
        Map<String, List<Interval>> out = new LinkedHashMap<>();
        open.forEach((k, list) -> {
            List<Interval> closed = new ArrayList<>();
            for (Interval i : list) closed.add(i.to() < 0 ? new Interval(i.from(), Math.max(end, i.from()), i.what()) : i);
            out.put(k, List.copyOf(closed));
        });
        return out;
    }
}
