package dev.clusterlab.engine.timeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseData;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a trace written by {@link TraceWriter} (JSON Lines, optionally gzip-compressed) back into
 * timeline events. Damage never throws: a truncated or corrupt trace gives every event before the
 * first bad line, and {@link Trace#problem()} says where and why it stopped. Only a file that is not
 * a ClusterLab trace at all (or one from a newer format version) is refused, with a message.
 */
public final class TraceReader {
    private static final Map<String, Class<? extends TimelineEvent>> EVENT_TYPES = eventTypes();

    /**
     * A loaded trace.
     *
     * @param header the header line's fields besides format and version (scenario, title, seed, ...)
     * @param problem null when every line was read; else {@code file:line: what was wrong}, the events being those before it
     */
    public record Trace(Map<String, Object> header, List<TimelineEvent> events, String problem) {
        public Trace {
            header = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(header));
            events = List.copyOf(events);
        }

        /** A header field as text, or null. */
        public String headerText(String key) {
            Object v = header.get(key);
            return v == null ? null : v.toString();
        }
    }

    /** The file is not a trace this version can read; the message says why. */
    public static final class NotATraceException extends Exception {
        private static final long serialVersionUID = 1L;

        public NotATraceException(String message) { super(message); }
    }

    private String firstUnknown;
    private int skipped;
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(module())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false); // newer minor fields are ignored

    private TraceReader() {}

    /** Reads {@code file}; gzip is recognised by its magic bytes, not its name. */
    public static Trace read(Path file) throws IOException, NotATraceException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.getFileName().toString(), in);
        }
    }

    /** Reads a trace from {@code stream}; {@code name} is used in messages. */
    public static Trace read(String name, InputStream stream) throws IOException, NotATraceException {
        return new TraceReader().parse(name, maybeGunzip(stream));
    }

    private static InputStream maybeGunzip(InputStream stream) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new EndsAtDamage(new GZIPInputStream(in)) : in;
    }

    /**
     * Ends the stream where compressed data breaks off (a trace whose writer crashed has no gzip
     * trailer) and remembers why, instead of throwing: an exception would lose the lines already
     * inflated but still inside the readers' buffers.
     */
    private static final class EndsAtDamage extends java.io.FilterInputStream {
        IOException damage;

        EndsAtDamage(InputStream in) { super(in); }

        @Override
        public int read() throws IOException {
            if (damage != null) return -1;
            try {
                return super.read();
            } catch (EOFException | ZipException e) {
                damage = e;
                return -1;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (damage != null) return -1;
            try {
                return super.read(b, off, len);
            } catch (EOFException | ZipException e) {
                damage = e;
                return -1;
            }
        }
    }

    private Trace parse(String name, InputStream in) throws IOException, NotATraceException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String first;
        try {
            first = reader.readLine();
        } catch (EOFException | ZipException e) {
            throw new NotATraceException(name + ": not a ClusterLab trace (damaged before its header line: " + e.getMessage() + ")");
        }
        if (first == null) {
            if (in instanceof EndsAtDamage d && d.damage != null)
                throw new NotATraceException(name + ": not a ClusterLab trace (damaged before its header line: " + d.damage.getMessage() + ")");
            throw new NotATraceException(name + ": empty file, not a ClusterLab trace");
        }
        Map<String, Object> header = header(name, first);
        List<TimelineEvent> events = new ArrayList<>();
        int lineNumber = 1;
        String problem = null;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) continue;
                String wrong = event(line, events);
                if (wrong != null) {
                    problem = name + ":" + lineNumber + ": " + wrong + "; loaded the " + events.size() + " events before it";
                    break;
                }
            }
        } catch (EOFException | ZipException e) {
            problem = name + ":" + (lineNumber + 1) + ": the compressed data ends early (" + e.getMessage() + "); loaded the "
                    + events.size() + " events before it";
        }
        if (problem == null && skipped > 0) {
            problem = name + ": skipped " + skipped + " event" + (skipped == 1 ? "" : "s") + " of kinds this ClusterLab does not know"
                    + " (the first: \"" + firstUnknown + "\"); a newer ClusterLab shows them";
        }
        if (problem == null && in instanceof EndsAtDamage d && d.damage != null) {
            // The last line may be cut off mid-way; it failed to parse above only if it was, so it is not counted.
            problem = name + ":" + (lineNumber + 1) + ": the compressed data ends early (" + d.damage.getMessage() + "); loaded the "
                    + events.size() + " events before it";
        }
        return new Trace(header, events, problem);
    }

    private Map<String, Object> header(String name, String line) throws NotATraceException {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new NotATraceException(name + ":1: not a ClusterLab trace (the first line is not JSON)");
        }
        if (node == null || !node.isObject() || !TraceWriter.FORMAT.equals(node.path("format").asText(null)))
            throw new NotATraceException(name + ":1: not a ClusterLab trace (no \"format\":\"" + TraceWriter.FORMAT + "\" header)");
        int version = node.path("version").asInt(-1);
        if (version < 1) throw new NotATraceException(name + ":1: the trace header has no valid \"version\"");
        if (version > TraceWriter.VERSION)
            throw new NotATraceException(name + ":1: trace format version " + version + " is newer than this ClusterLab reads ("
                    + TraceWriter.VERSION + "); open it with a newer ClusterLab");
        Map<String, Object> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("format") && !f.getKey().equals("version")) out.put(f.getKey(), mapper.convertValue(f.getValue(), Object.class));
        });
        return out;
    }

    /** Adds the event on {@code line} to {@code events}; returns what is wrong with the line, or null. */
    private String event(String line, List<TimelineEvent> events) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            return "not a JSON line (truncated or corrupt)";
        }
        if (!(node instanceof ObjectNode object)) return "not a JSON object";
        String kind = object.path("event").asText(null);
        Class<? extends TimelineEvent> type = kind == null ? null : EVENT_TYPES.get(kind);
        if (kind == null) return "a line without \"event\"";
        if (type == null) {
            // An event type added by a newer ClusterLab: the format stays version 1, so skip it and say so once.
            if (firstUnknown == null) firstUnknown = kind;
            skipped++;
            return null;
        }
        object.remove("event");
        try {
            TimelineEvent e = mapper.treeToValue(object, type);
            if (!events.isEmpty() && e.time() < events.get(events.size() - 1).time()) return "time goes backwards";
            events.add(e);
            return null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return "a " + kind + " event with bad fields (" + firstLine(e.getMessage()) + ")";
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "no detail";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Map<String, Class<? extends TimelineEvent>> eventTypes() {
        Map<String, Class<? extends TimelineEvent>> m = new HashMap<>();
        for (Class<?> c : TimelineEvent.class.getPermittedSubclasses()) m.put(c.getSimpleName(), c.asSubclass(TimelineEvent.class));
        return m;
    }

    /** The inverse of {@link TraceWriter}'s serializers. */
    private static SimpleModule module() {
        SimpleModule m = new SimpleModule("clusterlab-trace-reader");
        m.addDeserializer(byte[].class, new JsonDeserializer<>() {
            @Override
            public byte[] deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Bytes.fromHex(p.getValueAsString());
            }
        });
        m.addDeserializer(SenseData.class, new JsonDeserializer<>() {
            @Override
            public SenseData deserialize(JsonParser p, DeserializationContext c) throws IOException {
                byte[] b = Bytes.fromHex(p.getValueAsString());
                return SenseCodec.decode(b, b.length);
            }
        });
        m.addDeserializer(AdditionalSense.class, new JsonDeserializer<>() {
            @Override
            public AdditionalSense deserialize(JsonParser p, DeserializationContext c) throws IOException {
                String s = p.getValueAsString(); // "2Ah/03h"
                if (s == null || !s.matches("[0-9A-Fa-f]{2}h/[0-9A-Fa-f]{2}h")) throw new IllegalArgumentException("bad ASC/ASCQ: " + s);
                return new AdditionalSense(Integer.parseInt(s.substring(0, 2), 16), Integer.parseInt(s.substring(4, 6), 16));
            }
        });
        m.addDeserializer(InitiatorPort.class, new JsonDeserializer<>() {
            @Override
            public InitiatorPort deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return InitiatorPorts.parse(p.getValueAsString());
            }
        });
        return m;
    }
}
