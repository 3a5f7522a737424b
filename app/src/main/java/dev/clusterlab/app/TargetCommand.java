package dev.clusterlab.app;

import dev.clusterlab.app.target.ByteSize;
import dev.clusterlab.app.target.ListenAddress;
import dev.clusterlab.app.target.StopSignal;
import dev.clusterlab.app.target.TargetConfig;
import dev.clusterlab.app.target.TargetEventFormatter;
import dev.clusterlab.engine.iscsi.target.ChapSecret;
import dev.clusterlab.engine.iscsi.target.IscsiTargetServer;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetEvent;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.app.target.TracePrinter;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** `clusterlab target`: serve simulated shared disks to real iSCSI initiators until SIGINT/SIGTERM. */
@Command(name = "target", mixinStandardHelpOptions = true,
        description = {"Serve simulated shared disks over iSCSI (RFC 7143) until Ctrl-C or SIGTERM.",
                "Every SCSI command is decided by ClusterLab's reservation engine.",
                "Example: clusterlab target --lun 1G --lun 1G --state-dir /var/tmp/clusterlab",
                "Exit status: 0 after a clean stop, 1 when the target cannot start, 2 for invalid options."})
final class TargetCommand implements Callable<Integer> {
    static final String DEFAULT_TARGET = "iqn.2026-11.dev.clusterlab:shared";
    static final String DEFAULT_LISTEN = "127.0.0.1:" + ListenAddress.ISCSI_PORT;
    static final long DEFAULT_LUN_BYTES = 1L << 30;

    @Option(names = "--listen", paramLabel = "HOST:PORT", converter = ListenConverter.class,
            description = {"Listen here; repeat for more portal groups (tags 1, 2, ... in order). Default: " + DEFAULT_LISTEN + ".",
                    "Only loopback addresses unless --allow-remote is given."})
    List<ListenAddress> listen = new ArrayList<>();

    @Option(names = "--allow-remote", description = "Allow listening on non-loopback addresses (initiators on other machines can then reach the disks).")
    boolean allowRemote;

    @Option(names = "--target", paramLabel = "IQN", defaultValue = DEFAULT_TARGET, description = "The target's iSCSI name (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--lun", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Add a LUN of this size (K, M, G, T: binary units, e.g. 64M); repeat for LUN 0, 1, ... in order. Default: one 1G LUN.")
    List<Long> luns = new ArrayList<>();

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = {"Keep LUN n in the sparse file DIR/lun-n.img and APTPL reservation state in DIR, so both survive restarts.",
                    "Without it LUNs live in memory and APTPL is not supported."})
    Path stateDir;

    @Option(names = "--chap", paramLabel = "USER:SECRET", converter = ChapConverter.class,
            description = "Require initiators to authenticate with CHAP (secret: 12 or more characters).")
    ChapSecret chap;

    @Option(names = "--mutual-chap", paramLabel = "USER:SECRET", converter = ChapConverter.class,
            description = "Name and secret the target authenticates itself with when an initiator asks (mutual CHAP; needs --chap).")
    ChapSecret mutualChap;

    @Option(names = "--allow", paramLabel = "IQN", description = "Only let this initiator log in; repeat for more. Default: any initiator.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--max-sessions", paramLabel = "N", description = "Most sessions at once (default: 64).")
    Integer maxSessions;

    @Option(names = "--queue-depth", paramLabel = "N", description = "Commands a session may have outstanding (default: 128).")
    Integer queueDepth;

    @Option(names = "--trace", paramLabel = "LEVEL", defaultValue = "RESERVATIONS", converter = TraceLevelConverter.class,
            description = "What to print as it happens: none, reservations (changes in words, unit attentions, resets; default) "
                    + "or commands (also every command and its status).")
    TracePrinter.Level trace;

    @Option(names = "--window", description = {"Also open the lab window on the target: initiators that log in appear as nodes and",
            "their commands animate as they arrive; closing the window stops the target."})
    boolean window;

    @Option(names = "--capture", paramLabel = "FILE", description = {"Record every connection's iSCSI traffic into FILE as a pcap",
            "capture (Wireshark/tshark read it; decode the listen port as iSCSI if it is not 3260)."})
    java.nio.file.Path capture;

    @Spec
    CommandSpec spec;

    /** What ends the run; tests set their own, the command line uses SIGINT/SIGTERM. */
    StopSignal stopSignal;

    @Override
    public Integer call() throws Exception {
        TargetConfig config = validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StopSignal stop = stopSignal != null ? stopSignal : StopSignal.onInterruptOrTerminate();

        if (window && !dev.clusterlab.app.window.WindowCommand.canOpenWindow()) {
            err.println("clusterlab target: --window needs a display (DISPLAY and WAYLAND_DISPLAY are unset)");
            err.flush();
            return 1;
        }
        TargetDefinition definition = null;
        IscsiTargetServer server;
        LiveWindow live = null;
        dev.clusterlab.engine.capture.LiveCapture tap = null;
        try {
            definition = config.openDefinition();
            if (capture != null) tap = dev.clusterlab.engine.capture.LiveCapture.open(capture);
            TimelineSink sink = trace == TracePrinter.Level.NONE ? TimelineSink.DISCARD : new TracePrinter(out, trace);
            Consumer<TargetEvent> events = e -> print(out, e);
            if (window) {
                List<String> lus = new ArrayList<>();
                for (var l : definition.luns()) lus.add(l.name());
                live = new LiveWindow(lus);
                sink = TimelineSink.both(sink, live.recording().sink());
                events = events.andThen(live.recording().targetEvents());
            }
            server = live == null ? IscsiTargetServer.start(List.of(definition), config.limits(), sink, events)
                    : IscsiTargetServer.start(List.of(definition), config.limits(), sink, events, live.clock());
            if (tap != null) server.tapConnections(tap::handlerForConnection);
        } catch (Exception | LinkageError e) {
            if (definition != null) TargetConfig.closeStores(definition.luns());
            closeQuietly(tap);
            err.println("clusterlab target: cannot start: " + reason(e));
            err.flush();
            return 1;
        }
        try {
            announce(out, config, server);
            if (tap != null) line(out, "capturing every connection's iSCSI traffic to " + capture + " (pcap)");
            String why = live != null ? live.showUntilClosed("Live: " + config.targetName(), stop) : stop.await();
            line(out, "stopping (" + why + "): logging every session out");
        } finally {
            server.close();
            closeQuietly(tap);
        }
        line(out, "stopped");
        return 0;
    }

    private static void closeQuietly(dev.clusterlab.engine.capture.LiveCapture tap) {
        if (tap == null) return;
        try {
            tap.close();
        } catch (java.io.IOException e) {
            // the capture file is incomplete; the target itself ran fine, so this is no failure of the run
        }
    }

    /** Turns the options into a configuration, or a usage error (exit status 2). */
    TargetConfig validate() {
        List<ListenAddress> addresses = listen.isEmpty() ? List.of(ListenAddress.parse(DEFAULT_LISTEN)) : listen;
        List<InetSocketAddress> portals = new ArrayList<>(addresses.size());
        for (ListenAddress a : addresses) {
            InetSocketAddress resolved;
            try {
                resolved = a.resolve();
            } catch (UnknownHostException e) {
                throw usage("--listen " + a + ": unknown host '" + a.host() + "'");
            }
            if (!resolved.getAddress().isLoopbackAddress() && !allowRemote)
                throw usage("--listen " + a + " is not a loopback address: initiators on other machines could reach the "
                        + "simulated disks. Listen on 127.0.0.1 or [::1], or add --allow-remote if that is what you want.");
            if (portals.contains(resolved) && resolved.getPort() != 0) throw usage("--listen " + a + " is given twice");
            portals.add(resolved);
        }
        String name = target.strip();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("iqn.") || lower.startsWith("eui.") || lower.startsWith("naa.")) || name.length() > 223
                || name.chars().anyMatch(c -> c <= ' ' || c > '~'))
            throw usage("--target '" + target + "' is not an iSCSI name (RFC 7143 §4.2.7: iqn./eui./naa., at most 223 characters)");
        List<Long> sizes = luns.isEmpty() ? List.of(DEFAULT_LUN_BYTES) : luns;
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) % TargetConfig.BLOCK_SIZE != 0)
                throw usage("--lun " + sizes.get(i) + " (LUN " + i + "): the size must be a whole number of "
                        + TargetConfig.BLOCK_SIZE + "-byte blocks");
        }
        if (mutualChap != null && chap == null)
            throw usage("--mutual-chap needs --chap: the target only proves itself to initiators that authenticate first (RFC 7143 §12.1.3)");
        Set<String> allowed = new LinkedHashSet<>();
        for (String iqn : allow) {
            if (iqn.isBlank()) throw usage("--allow needs an initiator name");
            allowed.add(iqn.strip());
        }
        TargetLimits d = TargetLimits.DEFAULT;
        int sessions = positive("--max-sessions", maxSessions, d.maxSessions());
        int depth = positive("--queue-depth", queueDepth, d.queueDepth());
        TargetLimits limits = new TargetLimits(sessions, d.maxRecvDataSegmentLength(), d.maxTextLength(), depth, d.maxBurstLength());
        return new TargetConfig(name, portals, sizes, stateDir, chap, mutualChap, allowed, limits);
    }

    private int positive(String option, Integer value, int fallback) {
        if (value == null) return fallback;
        if (value < 1) throw usage(option + " must be 1 or more, got " + value);
        return value;
    }

    private ParameterException usage(String message) { return new ParameterException(spec.commandLine(), message); }

    private static void announce(PrintWriter out, TargetConfig config, IscsiTargetServer server) {
        List<InetSocketAddress> bound = server.boundAddresses();
        for (int i = 0; i < bound.size(); i++) {
            String group = bound.size() == config.portals().size() ? " (portal group " + (i + 1) + ")" : "";
            line(out, "listening on " + TargetEventFormatter.address(bound.get(i)) + group);
        }
        line(out, "target " + config.targetName() + (config.chap() != null ? " (CHAP" + (config.mutualChap() != null ? ", mutual" : "") + ")" : "")
                + (config.allowedInitiators().isEmpty() ? "" : " allowing " + String.join(", ", config.allowedInitiators())));
        for (int lun = 0; lun < config.lunBytes().size(); lun++) {
            String backing = config.stateDir() == null ? "memory" : config.lunImage(lun).toString();
            line(out, "  LUN " + lun + ": " + ByteSize.format(config.lunBytes().get(lun)) + " (" + backing + ")");
        }
        line(out, config.stateDir() == null ? "APTPL: not supported (no --state-dir)" : "APTPL state in " + config.stateDir());
        line(out, "Ctrl-C or SIGTERM stops the target.");
    }

    /** Every event on one line; Listening is left out because {@link #announce} prints the bound addresses. */
    private static void print(PrintWriter out, TargetEvent event) {
        if (event instanceof TargetEvent.Listening) return;
        line(out, TargetEventFormatter.format(event));
    }

    /** Events arrive on I/O threads: one whole line at a time, flushed so the operator sees it now. */
    private static void line(PrintWriter out, String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    private static String reason(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            String part = m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
            if (sb.indexOf(part) >= 0) continue;
            if (!sb.isEmpty()) sb.append(": ");
            sb.append(part);
        }
        return sb.toString();
    }

    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return ByteSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ListenConverter implements ITypeConverter<ListenAddress> {
        @Override
        public ListenAddress convert(String value) {
            try {
                return ListenAddress.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ChapConverter implements ITypeConverter<ChapSecret> {
        @Override
        public ChapSecret convert(String value) {
            try {
                return ChapSecret.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Case-insensitive trace levels, so `--trace commands` works. */
    static final class TraceLevelConverter implements picocli.CommandLine.ITypeConverter<TracePrinter.Level> {
        @Override
        public TracePrinter.Level convert(String value) {
            try {
                return TracePrinter.Level.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected none, reservations or commands, got '" + value + "'");
            }
        }
    }
}
