package dev.clusterlab.app.export;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.Narrator;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.List;
import java.util.Map;

/**
 * The support bundle's report.html: one self-contained page (inline style, no scripts, no external
 * resources) a customer or an engineer reads first. Every text from the session is HTML-escaped.
 */
final class SessionReport {
    /** Beyond this many lines a section says how many more there are instead of listing them. */
    static final int MAX_LINES = 200;

    private final StringBuilder out = new StringBuilder(64 * 1024);

    private SessionReport() {}

    /** The page for {@code loaded}; {@code contents} names the bundle's other files and what each holds. */
    static String html(LoadedSession loaded, SessionFacts facts, Map<String, String> contents) {
        SessionReport r = new SessionReport();
        r.page(loaded, facts, contents);
        return r.out.toString();
    }

    private void page(LoadedSession loaded, SessionFacts facts, Map<String, String> contents) {
        String title = loaded.session().title();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>").append(esc("ClusterLab report: " + title))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(esc(title)).append("</h1>\n");
        String description = loaded.session().description();
        if (description != null && !description.isBlank()) out.append("<p class=\"description\">").append(esc(description)).append("</p>\n");
        Object seed = loaded.traceHeader().get("seed");
        out.append("<p class=\"meta\">From ").append(esc(loaded.name())).append(": ").append(String.format(java.util.Locale.ROOT, "%,d", facts.eventCount()))
                .append(" events over ").append(esc(Durations.format(facts.end()))).append(seed != null ? ", seed " + esc(seed.toString()) : "")
                .append(". Times are session time from the start.</p>\n");
        summary(facts);
        story(facts.story());
        holders(facts);
        failures(facts.failures());
        violations(facts.findings());
        nodes(facts);
        if (!contents.isEmpty()) {
            out.append("<h2 id=\"contents\">In this bundle</h2>\n<ul>\n");
            contents.forEach((file, what) -> out.append("<li><code>").append(esc(file)).append("</code>: ").append(esc(what)).append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("<p class=\"meta\">Written by ClusterLab.</p>\n</body>\n</html>\n");
    }

    private void summary(SessionFacts facts) {
        long conflicts = facts.failures().stream().filter(f -> f.status() == ScsiStatus.RESERVATION_CONFLICT).mapToLong(SessionFacts.FailureGroup::count).sum();
        long checks = facts.failures().stream().filter(f -> f.status() == ScsiStatus.CHECK_CONDITION).mapToLong(SessionFacts.FailureGroup::count).sum();
        out.append("<ul class=\"summary\">\n");
        out.append("<li class=\"").append(facts.violations().isEmpty() ? "ok" : "bad").append("\">")
                .append(facts.violations().isEmpty() ? "The integrity monitor found nothing wrong."
                        : "The integrity monitor reported " + facts.violations().size() + " violation" + plural(facts.violations().size())
                        + ": data on a shared disk may be damaged.").append(" <a href=\"#integrity\">details</a></li>\n");
        out.append("<li>").append(conflicts).append(" RESERVATION CONFLICT").append(plural(conflicts)).append(", ").append(checks)
                .append(" CHECK CONDITION").append(plural(checks)).append(" <a href=\"#failures\">details</a></li>\n");
        out.append("<li>").append(facts.fencings().size()).append(" fencing").append(plural(facts.fencings().size())).append(", ")
                .append(facts.nodeStates().size()).append(" node state change").append(plural(facts.nodeStates().size()))
                .append(" <a href=\"#nodes\">details</a></li>\n");
        facts.groups().forEach((group, intervals) -> {
            out.append("<li>Group <b>").append(esc(group)).append("</b>: ");
            for (int i = 0; i < intervals.size(); i++) {
                if (i > 0) out.append(", then ");
                out.append(esc(intervals.get(i).what())).append(" at ").append(esc(Durations.format(intervals.get(i).from())));
            }
            out.append("</li>\n");
        });
        out.append("</ul>\n");
    }

    private void story(List<SessionFacts.Told> lines) {
        out.append("<h2 id=\"story\">What happened</h2>\n");
        if (lines.isEmpty()) {
            out.append("<p>Nothing the narrator counts as important happened.</p>\n");
            return;
        }
        out.append("<p>The narrator's important lines; a line said again later is told once, with how often and until when.</p>\n");
        out.append("<table>\n<tr><th>time</th><th>who</th><th>what</th></tr>\n");
        for (SessionFacts.Told told : lines.subList(0, Math.min(lines.size(), MAX_LINES))) {
            Narrator.Line l = told.line();
            boolean alarm = l.text().startsWith("INTEGRITY VIOLATION");
            row(alarm ? "bad" : null, Durations.format(l.time()), l.actor(), l.text() + again(told.times(), told.last()));
        }
        out.append("</table>\n");
        more(lines.size());
    }

    private void holders(SessionFacts facts) {
        out.append("<h2 id=\"owners\">Who held which disk when</h2>\n<p>The persistent (or SCSI-2) reservation holder of each disk, from the"
                + " disk's own reservation state.</p>\n");
        facts.holders().forEach((disk, intervals) -> {
            out.append("<h3>disk ").append(esc(disk)).append("</h3>\n");
            if (intervals.isEmpty()) {
                out.append("<p>Its reservation state never changed: never reserved.</p>\n");
                return;
            }
            out.append("<table>\n<tr><th>from</th><th>until</th><th>holder</th></tr>\n");
            for (SessionFacts.Interval i : intervals) {
                row(null, Durations.format(i.from()), i.to() >= facts.end() ? "the end" : Durations.format(i.to()), i.what());
            }
            out.append("</table>\n");
        });
    }

    private void failures(List<SessionFacts.FailureGroup> failures) {
        out.append("<h2 id=\"failures\">RESERVATION CONFLICTs and CHECK CONDITIONs</h2>\n");
        if (failures.isEmpty()) {
            out.append("<p>Every command completed with GOOD.</p>\n");
            return;
        }
        out.append("<p>Failed commands, grouped by who sent them, to which disk, and the outcome.</p>\n<table>\n"
                + "<tr><th>first</th><th>last</th><th>who</th><th>disk</th><th>command</th><th>outcome</th><th>times</th></tr>\n");
        for (SessionFacts.FailureGroup f : failures.subList(0, Math.min(failures.size(), MAX_LINES))) {
            String css = f.status() == ScsiStatus.RESERVATION_CONFLICT ? "conflict" : f.status() == ScsiStatus.CHECK_CONDITION ? "check" : null;
            out.append("<tr").append(css == null ? "" : " class=\"" + css + "\"").append("><td>").append(esc(Durations.format(f.first())))
                    .append("</td><td>").append(esc(Durations.format(f.last()))).append("</td><td>").append(esc(f.who())).append("</td><td>")
                    .append(esc(f.disk())).append("</td><td title=\"").append(esc(f.example())).append("\">").append(esc(f.command()))
                    .append("</td><td>").append(esc(f.outcome())).append("</td><td class=\"n\">").append(f.count()).append("</td></tr>\n");
        }
        out.append("</table>\n");
        more(failures.size());
    }

    private void violations(List<SessionFacts.Finding> violations) {
        out.append("<h2 id=\"integrity\">Integrity-monitor findings</h2>\n");
        if (violations.isEmpty()) {
            out.append("<p class=\"ok\">None: no write reached a disk from a fenced node, and no two nodes both ran a service with write access.</p>\n");
            return;
        }
        out.append("<table>\n<tr><th>first</th><th>last</th><th>finding</th><th>disk</th><th>node</th><th>other node</th><th>detail</th>"
                + "<th>times</th></tr>\n");
        for (SessionFacts.Finding f : violations.subList(0, Math.min(violations.size(), MAX_LINES))) {
            TimelineEvent.IntegrityViolation v = f.first();
            row("bad", Durations.format(v.time()), Durations.format(f.last()), v.kind().name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT),
                    v.disk(), v.node(), v.other() == null ? "-" : v.other(), v.detail(), Integer.toString(f.times()));
        }
        out.append("</table>\n");
        more(violations.size());
    }

    private void nodes(SessionFacts facts) {
        out.append("<h2 id=\"nodes\">Fencing and node states</h2>\n");
        if (facts.fencings().isEmpty() && facts.nodeStates().isEmpty()) {
            out.append("<p>No node was fenced and every node stayed up.</p>\n");
            return;
        }
        out.append("<table>\n<tr><th>time</th><th>node</th><th>change</th></tr>\n");
        int f = 0, n = 0, shown = 0;
        List<TimelineEvent.NodeFenced> fencings = facts.fencings();
        List<TimelineEvent.NodeStateChanged> states = facts.nodeStates();
        while ((f < fencings.size() || n < states.size()) && shown++ < MAX_LINES) {
            if (n >= states.size() || f < fencings.size() && fencings.get(f).time() <= states.get(n).time()) {
                TimelineEvent.NodeFenced e = fencings.get(f++);
                row(null, Durations.format(e.time()), e.victim(), "fenced off " + e.disk() + " by " + e.by() + " (" + e.how() + ")");
            } else {
                TimelineEvent.NodeStateChanged e = states.get(n++);
                row(null, Durations.format(e.time()), e.node(), lower(e.before()) + " \u2192 " + lower(e.after()));
            }
        }
        out.append("</table>\n");
        more(fencings.size() + states.size());
    }

    private static String again(int times, long last) {
        return times == 1 ? "" : " (" + (times - 1) + " more time" + plural(times - 1) + ", the last at " + Durations.format(last) + ")";
    }

    private static String lower(Enum<?> e) { return e.name().toLowerCase(java.util.Locale.ROOT); }

    private void row(String css, String... cells) {
        out.append("<tr").append(css == null ? "" : " class=\"" + css + "\"").append('>');
        for (String c : cells) out.append("<td>").append(esc(c)).append("</td>");
        out.append("</tr>\n");
    }

    private void more(int total) {
        if (total > MAX_LINES) out.append("<p class=\"meta\">\u2026 and ").append(total - MAX_LINES).append(" more (see the trace).</p>\n");
    }

    private static String plural(long n) { return n == 1 ? "" : "s"; }

    /** HTML text and attribute escaping. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    private static final String STYLE = """
            body { font-family: -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 72em;
                   padding: 0 1em; color: #1d1d1b; background: #fff; line-height: 1.4; }
            h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; } h3 { margin-bottom: .3em; }
            .description { white-space: pre-line; } .meta { color: #6b6b66; font-size: .9em; }
            table { border-collapse: collapse; margin: .4em 0 1em; font-size: .92em; }
            th, td { border: 1px solid #d8d8d2; padding: .25em .6em; text-align: left; vertical-align: top; }
            th { background: #f2f2ee; } td:first-child { white-space: nowrap; font-family: "DejaVu Sans Mono", monospace; }
            td.n { text-align: right; } .ok { color: #1e7e34; } .bad, tr.bad td { color: #b00020; }
            tr.conflict td:nth-child(6) { color: #d62020; font-weight: bold; } tr.check td:nth-child(6) { color: #a66f00; font-weight: bold; }
            ul.summary li { margin: .2em 0; } code { background: #f2f2ee; padding: 0 .2em; }
            """;
}
