package dev.clusterlab.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traces are written incrementally: a crash (the writer never closed) loses at most the last second. */
class TraceWriterTest {
    @TempDir Path dir;

    private static TimelineEvent log(long t) { return new TimelineEvent.ClusterLog(t, "node-a", "line " + t); }

    @Test
    void aCompressedTraceThatIsNeverClosedHoldsEverythingWrittenMoreThanASecondAgo() throws Exception {
        Path file = dir.resolve("crash.jsonl.gz");
        OutputStream stream = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), true);
        TraceWriter writer = new TraceWriter(stream, Map.of("title", "crash test"));
        for (int i = 0; i < 1000; i++) writer.append(log(i * 1_000_000L));
        Thread.sleep(1_200); // the process "crashes" here: no close, no final flush
        TraceReader.Trace trace = TraceReader.read(file);
        assertThat(trace.events()).hasSize(1000);
        assertThat(trace.headerText("title")).isEqualTo("crash test");
        writer.close();
    }

    @Test
    void theHeaderIsOnDiskAtOnce() throws Exception {
        Path file = dir.resolve("empty.jsonl");
        try (TraceWriter writer = new TraceWriter(Files.newOutputStream(file), Map.of("seed", 7))) {
            assertThat(Files.readString(file)).startsWith("{\"format\":\"clusterlab-trace\",\"version\":1,\"seed\":7}");
        }
    }

    @Test
    void aStreamThatFailsIsReportedToTheNextAppend() throws Exception {
        OutputStream broken = new OutputStream() {
            private int bytes;
            @Override public void write(int b) throws IOException { if (++bytes > 200) throw new IOException("disk full"); }
        };
        TraceWriter writer = new TraceWriter(broken, Map.of());
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10_000; i++) {
                writer.append(log(i));
                writer.flush();
            }
        }).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk full");
    }
}
