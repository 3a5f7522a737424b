package dev.clusterlab.engine.capture;

import io.netty.channel.ChannelHandler;
import io.netty.handler.pcap.PcapWriteHandler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A live capture of the iSCSI target's connections into one classic pcap file, written by Netty's
 * {@link PcapWriteHandler} (one per accepted connection, all sharing the file). Netty records what
 * each connection reads and writes as synthetic TCP segments between the real addresses, so
 * Wireshark and tshark decode it like a tcpdump capture, and it needs no privileges.
 *
 * <p>Writes are serialized on the shared stream by Netty; {@link #close} flushes and closes the
 * file, after which new connections are not captured.
 */
public final class LiveCapture implements AutoCloseable {
    private final OutputStream out;
    private volatile boolean closed;

    private LiveCapture(OutputStream out) { this.out = out; }

    /** Creates (or truncates) {@code file} and writes the pcap global header. */
    public static LiveCapture open(Path file) throws IOException {
        OutputStream out = new SyncFlushingStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        PcapWriteHandler.writeGlobalHeader(out);
        out.flush();
        return new LiveCapture(out);
    }

    /** A fresh handler for one accepted connection, to be put first in its pipeline; null once closed. */
    public ChannelHandler handlerForConnection() {
        if (closed) return null;
        return PcapWriteHandler.builder().sharedOutputStream(true).writePcapGlobalHeader(false).build(out);
    }

    /** Flushes what is buffered (e.g. before reading the file while the target still runs). */
    public void flush() throws IOException {
        synchronized (out) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        synchronized (out) {
            out.close();
        }
    }

    /**
     * Netty's shared-stream mode synchronizes each packet's writes on the stream object; flushing and
     * closing take the same lock, and writes after close are dropped instead of failing the connection.
     */
    private static final class SyncFlushingStream extends OutputStream {
        private final OutputStream delegate;
        private boolean closed;

        SyncFlushingStream(OutputStream delegate) { this.delegate = delegate; }

        @Override
        public synchronized void write(int b) throws IOException { if (!closed) delegate.write(b); }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException { if (!closed) delegate.write(b, off, len); }

        @Override
        public synchronized void flush() throws IOException { if (!closed) delegate.flush(); }

        @Override
        public synchronized void close() throws IOException {
            if (closed) return;
            closed = true;
            delegate.close();
        }
    }
}
