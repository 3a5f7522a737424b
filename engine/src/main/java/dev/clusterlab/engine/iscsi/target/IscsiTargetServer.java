package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * Serves simulated logical units to real iSCSI initiators (RFC 7143). Placeholder with the final
 * public API; the implementation is the iSCSI target work.
 *
 * <p>Threading: all logical units are driven from one event-loop thread, so every reservation
 * decision is made in one place (DESIGN.md); socket I/O runs on Netty's I/O threads.
 */
public final class IscsiTargetServer implements AutoCloseable {

    /**
     * Builds the targets' logical units, binds every portal and starts serving.
     *
     * @param timeline where every command and reservation change is recorded
     * @param events operator-facing events (listening, logins, logouts, lost connections); called on I/O threads
     */
    public static IscsiTargetServer start(List<TargetDefinition> targets, TargetLimits limits, TimelineSink timeline,
                                          Consumer<TargetEvent> events) throws IOException {
        throw new UnsupportedOperationException("iSCSI target not built yet");
    }

    /** The addresses actually bound (port 0 in a definition becomes the chosen port). */
    public List<InetSocketAddress> boundAddresses() { throw new UnsupportedOperationException(); }

    /** LUN {@code lun} of {@code target}. */
    public LogicalUnit logicalUnit(String target, int lun) { throw new UnsupportedOperationException(); }

    /** Logs every session out (I_T nexus loss), stops listening and closes the stores; APTPL state is already durable. */
    @Override
    public void close() {}
}
