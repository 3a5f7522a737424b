package dev.clusterlab.engine.timeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseData;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes a timeline as JSON Lines, one event per line, incrementally: what is written is flushed to
 * the stream within a second (a background flush runs twice a second while anything is pending), so
 * a crash loses at most the last second. Flushing per line instead would cost a gzip sync flush per
 * event, which makes compressed traces several times larger and slower. The first line is a header naming the format and its version:
 * <pre>
 * {"format":"clusterlab-trace","version":1, ...header fields}
 * {"event":"CommandStarted","time":0,"lu":"data","nexus":{...},"commandId":0,"cdb":"5f06...","dataOut":"..."}
 * </pre>
 * Each event line has {@code event} (the record's name) followed by the record's fields in
 * declaration order. Byte arrays are hex, sense data its 18-byte fixed-format encoding in
 * hex, ASC/ASCQ pairs "2Ah/03h", initiator ports their TransportID display name. Output depends only
 * on the events, so equal timelines give byte-identical traces.
 */
public final class TraceWriter implements TimelineSink, AutoCloseable {
    public static final String FORMAT = "clusterlab-trace";
    public static final int VERSION = 1;

    /** How often pending lines are flushed: twice a second keeps the loss on a crash under a second. */
    private static final long FLUSH_PERIOD_MILLIS = 500;
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "trace-flush");
        t.setDaemon(true);
        return t;
    });

    private final ObjectMapper mapper;
    private final Writer out;
    private final ScheduledFuture<?> periodicFlush;
    private boolean pending;
    private boolean closed;
    private IOException failure;

    /** Writes the header line at once; {@code header} adds fields such as the scenario and the seed. */
    public TraceWriter(OutputStream stream, Map<String, Object> header) {
        this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        this.mapper = new ObjectMapper().registerModule(module());
        ObjectNode first = mapper.createObjectNode();
        first.put("format", FORMAT);
        first.put("version", VERSION);
        for (Map.Entry<String, Object> e : header.entrySet()) first.set(e.getKey(), mapper.valueToTree(e.getValue()));
        writeLine(first);
        flush(); // the header is there even if nothing else ever is
        periodicFlush = FLUSHER.scheduleAtFixedRate(this::flushQuietly, FLUSH_PERIOD_MILLIS, FLUSH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A trace file at {@code file}, gzip-compressed when its name ends in ".gz" (sync-flushed, so flushes reach the disk). */
    public static TraceWriter toFile(Path file, Map<String, Object> header) throws IOException {
        return toFile(file, file.getFileName().toString().endsWith(".gz"), header);
    }

    /** As {@link #toFile(Path, Map)}, compressing when {@code gzip} (a file written aside under a temporary name). */
    public static TraceWriter toFile(Path file, boolean gzip, Map<String, Object> header) throws IOException {
        OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file));
        if (gzip) stream = new GZIPOutputStream(stream, true);
        return new TraceWriter(stream, header);
    }

    @Override
    public void append(TimelineEvent event) {
        ObjectNode line = mapper.createObjectNode();
        line.put("event", event.getClass().getSimpleName());
        line.setAll((ObjectNode) mapper.valueToTree(event));
        writeLine(line);
    }

    private synchronized void writeLine(ObjectNode node) {
        if (failure != null) throw new UncheckedIOException("cannot write the trace", failure);
        if (closed) throw new IllegalStateException("the trace is closed");
        try {
            out.write(mapper.writeValueAsString(node));
            out.write('\n');
            pending = true;
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("cannot write the trace", e);
        }
    }

    /** Pushes everything written so far to the stream (and through gzip, with a sync flush). */
    public synchronized void flush() {
        try {
            out.flush();
            pending = false;
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("cannot write the trace", e);
        }
    }

    /** The background flush: a failure is kept and reported by the next append, which has a caller to tell. */
    private synchronized void flushQuietly() {
        if (!pending || closed || failure != null) return;
        try {
            out.flush();
            pending = false;
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        periodicFlush.cancel(false);
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the trace", e);
        }
    }

    private static SimpleModule module() {
        SimpleModule m = new SimpleModule("clusterlab-trace");
        m.addSerializer(byte[].class, new JsonSerializer<>() {
            @Override
            public void serialize(byte[] value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(Bytes.hex(value));
            }
        });
        m.addSerializer(SenseData.class, new JsonSerializer<>() {
            @Override
            public void serialize(SenseData value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(Bytes.hex(SenseCodec.encodeFixed(value)));
            }
        });
        m.addSerializer(AdditionalSense.class, new JsonSerializer<>() {
            @Override
            public void serialize(AdditionalSense value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(String.format("%02Xh/%02Xh", value.asc(), value.ascq()));
            }
        });
        m.addSerializer(InitiatorPort.class, new JsonSerializer<>() {
            @Override
            public void serialize(InitiatorPort value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(value.displayName());
            }
        });
        return m;
    }
}
