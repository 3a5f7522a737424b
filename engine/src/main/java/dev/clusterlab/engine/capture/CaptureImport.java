package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a pcap/pcapng capture of real iSCSI traffic and rebuilds what happened at the SCSI level:
 * the I_T nexuses and every command with the target's answer, as a timeline that the lab replays
 * (a {@link TraceReader.Trace}) and {@link CaptureComparison} re-runs against a conforming LU.
 * Bad input never throws anything but {@link CaptureImportException}, whose message is one line.
 */
public final class CaptureImport {
    private CaptureImport() {}

    /** The capture cannot be imported: not a capture, no TCP, no iSCSI. The message is one line for the user. */
    public static final class CaptureImportException extends Exception {
        private static final long serialVersionUID = 1L;

        public CaptureImportException(String message) { super(message); }
    }

    /**
     * What the capture held.
     *
     * @param notes what was odd or skipped (gaps, retransmissions, mid-stream starts, a truncated file), one line each
     * @param damage null, or where and why reading the file stopped (truncated or corrupt)
     */
    public record Result(String name, String format, int packets, List<ImportedNexus> nexuses, List<ImportedCommand> commands,
                         List<TimelineEvent> events, Map<String, List<TargetPort>> targetPorts, List<String> notes, String damage) {
        public Result {
            nexuses = List.copyOf(nexuses);
            commands = List.copyOf(commands);
            events = List.copyOf(events);
            notes = List.copyOf(notes);
        }

        /** The rebuilt timeline as a trace the lab replays; a damaged file's damage becomes the trace's problem. */
        public TraceReader.Trace trace() {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("title", "capture " + name);
            header.put("source", "capture");
            header.put("captureFormat", format);
            if (!notes.isEmpty()) header.put("captureNotes", notes);
            return new TraceReader.Trace(header, events, damage == null ? null : name + ": " + damage);
        }
    }

    /** Whether the file starts like a pcap or pcapng capture (its magic bytes; the name does not matter). */
    public static boolean isCapture(Path file) {
        try (var in = Files.newInputStream(file)) {
            return PcapReader.looksLikeCapture(in.readNBytes(4));
        } catch (IOException e) {
            return false;
        }
    }

    public static Result read(Path file) throws IOException, CaptureImportException {
        return read(file.getFileName().toString(), Files.readAllBytes(file));
    }

    public static Result read(String name, byte[] bytes) throws CaptureImportException {
        PcapReader.Packets packets;
        try {
            packets = PcapReader.read(bytes);
        } catch (PcapReader.NotACaptureException e) {
            throw new CaptureImportException(name + ": " + e.getMessage());
        }
        List<String> notes = new ArrayList<>();
        if (packets.problem() != null) notes.add(packets.problem());
        if (packets.packets().isEmpty())
            throw new CaptureImportException(name + ": " + (packets.problem() != null ? packets.problem() : "the capture holds no packets"));
        TcpSegmentDecoder decoder = new TcpSegmentDecoder();
        TcpConnections connections = new TcpConnections();
        int segments = 0;
        for (CapturedPacket p : packets.packets()) {
            TcpSegment s = decoder.decode(p);
            if (s == null) continue;
            segments++;
            connections.add(s);
        }
        if (segments == 0) {
            String why = decoder.sawUnknownLinkType() ? "its link type is not one this reader knows (Ethernet, Linux cooked, loopback, raw IP)"
                    : decoder.sawIp() ? "it holds no TCP traffic" : "it holds no IP traffic";
            throw new CaptureImportException(name + ": no iSCSI in this capture: " + why + " (" + packets.packets().size() + " packets)");
        }
        long origin = packets.packets().get(0).timeNanos();
        CaptureImportStory story = new CaptureImportStory(origin);
        List<TcpConnections.Connection> all = connections.finish();
        int iscsi = 0, retransmitted = 0;
        for (TcpConnections.Connection c : all) {
            IscsiConversation.Conversation conversation = IscsiConversation.parse(c);
            if (!conversation.iscsi()) continue;
            iscsi++;
            retransmitted += c.toServer().retransmittedSegments() + c.toClient().retransmittedSegments();
            notes.addAll(conversation.notes());
            story.add(conversation);
        }
        if (iscsi == 0)
            throw new CaptureImportException(name + ": no iSCSI in this capture (" + all.size() + " TCP connection" + (all.size() == 1 ? "" : "s")
                    + ", none carrying iSCSI PDUs)");
        if (retransmitted > 0) notes.add(retransmitted + " retransmitted or overlapping TCP segments were dropped");
        notes.addAll(story.notes());
        return new Result(name, packets.format(), packets.packets().size(), story.nexuses(), story.commands(), story.events(),
                story.targetPorts(), notes, packets.problem());
    }

    /** The iSCSI target port name "target,t,0xTPGT" (RFC 7143 §4.4.2), as ClusterLab's own target names it. */
    static TargetPort targetPort(String target, int tpgt, int relativeId) {
        String hex = Integer.toHexString(tpgt);
        return new TargetPort(relativeId, target + ",t,0x" + "0000".substring(Math.min(4, hex.length())) + hex, tpgt);
    }

    /** Nanoseconds as "t=1.234567s". */
    public static String seconds(long nanos) {
        long micros = nanos / 1000;
        String frac = Long.toString(1_000_000 + Math.abs(micros) % 1_000_000).substring(1);
        return "t=" + (nanos < 0 ? "-" : "") + Math.abs(micros) / 1_000_000 + "." + frac + "s";
    }
}
