package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.PduDecoder;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.sim.Clock;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuIdentity;
import dev.clusterlab.engine.timeline.TimelineSink;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Serves simulated logical units to real iSCSI initiators (RFC 7143).
 *
 * <p>Threading: one acceptor thread, and ONE child event loop that runs every connection and owns
 * every logical unit — LogicalUnit is single-threaded, and this way every reservation decision is
 * made in one place with no locking (DESIGN.md, Threading). Uses epoll when available, else NIO.
 */
public final class IscsiTargetServer implements AutoCloseable {
    /** Milliseconds between NOP-In pings on idle connections; 0 (the default) turns them off. */
    public static final String NOP_INTERVAL_PROPERTY = "clusterlab.iscsi.nopIntervalMillis";

    private final EventLoopGroup boss;
    private final EventLoopGroup worker;
    private final EventLoop engineLoop;
    private final List<Channel> listeners = new ArrayList<>();
    private final List<TargetRuntime> targets;
    private final ServerContext context;
    private volatile boolean closed;
    /** Gives each accepted connection a first handler (a live pcap tap), or null; see {@link #tapConnections}. */
    private volatile java.util.function.Supplier<? extends io.netty.channel.ChannelHandler> tap;

    private IscsiTargetServer(List<TargetRuntime> targets, ServerContext context, EventLoopGroup boss, EventLoopGroup worker) {
        this.targets = targets;
        this.context = context;
        this.boss = boss;
        this.worker = worker;
        this.engineLoop = worker.next();
    }

    /**
     * Builds the targets' logical units, binds every portal and starts serving.
     *
     * @param timeline where every command and reservation change is recorded
     * @param events operator-facing events (listening, logins, logouts, lost connections); called on I/O threads
     */
    public static IscsiTargetServer start(List<TargetDefinition> targets, TargetLimits limits, TimelineSink timeline,
                                          Consumer<TargetEvent> events) throws IOException {
        long t0 = System.nanoTime();
        return start(targets, limits, timeline, events, () -> System.nanoTime() - t0);
    }

    /**
     * As {@link #start(List, TargetLimits, TimelineSink, Consumer)}, stamping timeline events with
     * {@code clock} (a live view shares it, so its own events and the target's agree on time).
     */
    public static IscsiTargetServer start(List<TargetDefinition> targets, TargetLimits limits, TimelineSink timeline,
                                          Consumer<TargetEvent> events, Clock clock) throws IOException {
        List<TargetRuntime> runtimes = new ArrayList<>();
        for (TargetDefinition d : targets) runtimes.add(build(d, timeline, clock));
        // Portal groups that name the same address share one listener; port 0 always gets its own.
        Map<Object, List<ServerContext.Served>> byAddress = new LinkedHashMap<>();
        Map<Object, InetSocketAddress> addresses = new LinkedHashMap<>();
        for (TargetRuntime t : runtimes)
            for (PortalGroup g : t.definition().portalGroups())
                for (InetSocketAddress a : g.portals()) {
                    Object key = a.getPort() == 0 ? new Object() : a;
                    addresses.putIfAbsent(key, a);
                    byAddress.computeIfAbsent(key, k -> new ArrayList<>()).add(new ServerContext.Served(t, g.tag()));
                }
        List<ServerContext.Portal> portals = new ArrayList<>();
        byAddress.forEach((k, s) -> portals.add(new ServerContext.Portal(addresses.get(k), List.copyOf(s), new InetSocketAddress[1])));
        ServerContext ctx = new ServerContext(limits, new SessionRegistry(limits.maxSessions()), events, List.copyOf(runtimes),
                List.copyOf(portals), Long.getLong(NOP_INTERVAL_PROPERTY, 0L));

        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, factory);
        EventLoopGroup worker = new MultiThreadIoEventLoopGroup(1, factory);
        IscsiTargetServer server = new IscsiTargetServer(List.copyOf(runtimes), ctx, boss, worker);
        for (TargetRuntime t : runtimes) for (LogicalUnit lu : t.units())
            lu.taskSet().addListener((nexus, tags, report) -> {
                IscsiConnection c = ctx.registry().connection(nexus);
                if (c != null) c.tasksAborted(lu, tags, report);
            });
        try {
            for (ServerContext.Portal p : portals) server.bind(p, epoll);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static TargetRuntime build(TargetDefinition d, TimelineSink timeline, Clock clock) {
        List<TargetPort> ports = new ArrayList<>();
        for (int i = 0; i < d.portalGroups().size(); i++) {
            int tag = d.portalGroups().get(i).tag();
            ports.add(new TargetPort(i + 1, TargetRuntime.portName(d.name(), tag), tag));
        }
        int[] lunNumbers = new int[d.luns().size()];
        for (int i = 0; i < lunNumbers.length; i++) lunNumbers[i] = i;
        List<LogicalUnit> units = new ArrayList<>();
        for (int i = 0; i < d.luns().size(); i++) {
            LunDefinition l = d.luns().get(i);
            units.add(LogicalUnit.builder(l.name()).lun(i).identity(LuIdentity.forName(d.name() + "/" + i, 0))
                    .store(l.store()).aptplStore(l.aptpl()).options(l.options()).targetPorts(ports).reportedLuns(lunNumbers::clone)
                    .timeline(timeline).clock(clock).build());
        }
        return new TargetRuntime(d, units, ports);
    }

    private void bind(ServerContext.Portal portal, boolean epoll) throws IOException {
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap().group(boss, worker).channel(type)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        PduDecoder decoder = new PduDecoder(context.limits().maxRecvDataSegmentLength());
                        var t = tap;
                        io.netty.channel.ChannelHandler first = t != null ? t.get() : null;
                        if (first != null) ch.pipeline().addLast(first); // sees the raw bytes both ways
                        ch.pipeline().addLast(decoder, new IscsiConnection(context, portal, decoder));
                    }
                });
        Channel ch;
        try {
            ch = b.bind(portal.configured()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + portal.configured(), e);
        } catch (Exception e) { // Netty rethrows the bind failure (e.g. address in use) unchecked
            throw new IOException("cannot listen on " + portal.configured() + ": " + e.getMessage(), e);
        }
        listeners.add(ch);
        InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
        portal.bound()[0] = bound;
        for (ServerContext.Served s : portal.served())
            context.event(new TargetEvent.Listening(bound, s.target().name(), s.tag()));
    }

    /**
     * Puts {@code handler.get()} (when not null) first in the pipeline of every connection accepted
     * from now on, e.g. a live pcap capture ({@code dev.clusterlab.engine.capture.LiveCapture}).
     */
    public void tapConnections(java.util.function.Supplier<? extends io.netty.channel.ChannelHandler> handler) {
        this.tap = handler;
    }

    /** The addresses actually bound (port 0 in a definition becomes the chosen port). */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Channel c : listeners) out.add((InetSocketAddress) c.localAddress());
        return out;
    }

    /**
     * LUN {@code lun} of {@code target}. The logical unit belongs to the server's event loop: call
     * its methods only through {@link #onEngineLoop} while the server runs.
     */
    public LogicalUnit logicalUnit(String target, int lun) {
        for (TargetRuntime t : targets) {
            if (!t.name().equalsIgnoreCase(target)) continue;
            LogicalUnit lu = t.unit(lun);
            if (lu != null) return lu;
        }
        throw new IllegalArgumentException("no LUN " + lun + " in target " + target);
    }

    /** Runs {@code action} on the thread that owns the logical units and waits for it. */
    public void onEngineLoop(Runnable action) {
        if (engineLoop.inEventLoop()) {
            action.run();
            return;
        }
        try {
            engineLoop.submit(action).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("engine loop task failed", e);
        }
    }

    /** Logs every session out (I_T nexus loss), stops listening and closes the stores; APTPL state is already durable. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Channel c : listeners) c.close().awaitUninterruptibly();
        if (!engineLoop.isShuttingDown()) {
            try {
                onEngineLoop(() -> {
                    for (IscsiConnection c : context.registry().connections()) c.endSession("target shutting down", false);
                });
            } catch (RuntimeException ignored) {
                // already stopping
            }
        }
        var bossDone = boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        var workerDone = worker.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (engineLoop.inEventLoop()) return; // called from an event handler: cannot wait for our own thread
        bossDone.awaitUninterruptibly();
        workerDone.awaitUninterruptibly();
        for (TargetRuntime t : targets)
            for (LogicalUnit lu : t.units()) {
                try {
                    lu.store().close();
                } catch (Exception ignored) {
                    // closing is best effort; the data of a memory store is gone either way
                }
            }
    }
}
