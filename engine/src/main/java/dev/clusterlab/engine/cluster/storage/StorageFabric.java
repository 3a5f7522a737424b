package dev.clusterlab.engine.cluster.storage;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.sim.Clock;
import dev.clusterlab.engine.target.CommandTable;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuIdentity;
import dev.clusterlab.engine.target.pr.MemoryAptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.PassthroughMode;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;
import dev.clusterlab.engine.device.DeviceUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated SAN: shared disks (simulated logical units on one target) and every node's paths
 * to them. Path {@code pK} of every node goes through target port K of every disk (fabric K), so a
 * node with two paths is two I_T nexuses per disk, each registering its own key as MPIO does.
 *
 * <p>Each (node, path) has a physical state (up/down) and a passthrough mode. What the node sees of a
 * command is decided here: {@link PassthroughMode#FAITHFUL} passes status and sense unchanged;
 * {@link PassthroughMode#LOSSY} turns RESERVATION CONFLICT into a generic I/O error and consumes unit
 * attentions below the node by retrying the command once, as the host's block layer did for
 * pre-2.7 QEMU scsi-block.
 */
public final class StorageFabric {
    /** Initiator and target names share the lab's IQN prefix, as in the console and the iSCSI target. */
    public static final String IQN_PREFIX = "iqn.2026-11.dev.clusterlab:";
    private static final long ISID_BASE = 0x23d000000000L;
    private static final int BLOCK_SIZE = 512;

    private final Clock clock;
    private final TimelineSink sink;
    private final int maxPaths;
    private final List<TargetPort> targetPorts = new ArrayList<>();
    private final Map<String, SharedDisk> disks = new LinkedHashMap<>();
    private final Map<String, NodePaths> nodes = new LinkedHashMap<>();
    private final Map<InitiatorPort, String> pathNames = new HashMap<>();

    /** @param maxPaths the most paths any node has (the number of fabrics and target ports) */
    public StorageFabric(Clock clock, TimelineSink sink, int maxPaths) {
        if (maxPaths < 1) throw new IllegalArgumentException("at least one path");
        this.clock = clock;
        this.sink = sink;
        this.maxPaths = maxPaths;
        for (int k = 1; k <= maxPaths; k++) {
            targetPorts.add(new TargetPort(k, IQN_PREFIX + "san,t,0x" + String.format("%04x", k), k));
        }
    }

    /** Adds a shared disk of {@code sizeBytes} (a multiple of 512) whose APTPL state survives target restarts. */
    public SharedDisk addDisk(String name, long sizeBytes, DiskRole role, Set<DiskQuirk> quirks) {
        if (disks.containsKey(name)) throw new IllegalArgumentException("duplicate disk: " + name);
        if (sizeBytes <= 0 || sizeBytes % BLOCK_SIZE != 0) throw new IllegalArgumentException("disk size must be a positive multiple of 512: " + sizeBytes);
        CommandTable commands = CommandTable.standard();
        if (quirks.contains(DiskQuirk.FORGETS_RESERVATION)) {
            commands.wrapHandler(Opcode.PERSISTENT_RESERVE_IN, ForgetfulReadReservation::wrap);
        }
        int index = disks.size();
        LogicalUnit lu = LogicalUnit.builder(name)
                .lun(index)
                .identity(LuIdentity.forName(name, index))
                .store(new MemoryBlockStore(BLOCK_SIZE, sizeBytes / BLOCK_SIZE))
                .targetPorts(targetPorts)
                .commands(commands)
                .clock(clock)
                .timeline(sink)
                .aptplStore(new MemoryAptplStore())
                .build();
        SharedDisk disk = new SharedDisk(name, index, role, quirks, lu, null);
        disks.put(name, disk);
        return disk;
    }

    /**
     * Adds a shared disk that is a real logical unit at {@code url} ({@code pathUrls}: per node path
     * overrides). Its devices open in {@link #connectRealDisks}, once every node is added.
     */
    public SharedDisk addRealDisk(String name, DiskRole role, DeviceUrl url, Map<String, DeviceUrl> pathUrls, RealDevices devices) {
        if (disks.containsKey(name)) throw new IllegalArgumentException("duplicate disk: " + name);
        SharedDisk disk = new SharedDisk(name, disks.size(), role, Set.of(), null, new RealDisk(name, url, pathUrls, devices, clock, sink));
        disks.put(name, disk);
        return disk;
    }

    /**
     * Opens every node path of every real disk (each its own I_T nexus) and reads the devices' state.
     *
     * @throws UncheckedIOException naming the disk, node path and URL that could not be opened; nothing stays open
     */
    public void connectRealDisks() {
        for (SharedDisk disk : disks.values()) {
            if (!disk.isReal()) continue;
            for (NodePaths p : nodes.values()) {
                for (int i = 0; i < p.count; i++) {
                    try {
                        disk.real().connect(p.node, i, nexus(p.node, i, disk));
                    } catch (IOException | RuntimeException e) {
                        close();
                        throw new UncheckedIOException(new IOException("disk " + disk.name() + ": cannot open " + disk.real().urlFor(p.node, i)
                                + " for " + p.node + "/" + pathName(i) + ": " + e.getMessage(), e));
                    }
                }
            }
            try {
                disk.real().connectObserver();
            } catch (IOException | RuntimeException e) {
                close();
                throw new UncheckedIOException(new IOException("disk " + disk.name() + ": cannot open the lab's observer session to "
                        + disk.real().url() + ": " + e.getMessage(), e));
            }
        }
    }

    /** Closes every real device (logs out of iSCSI sessions). Simulated disks need nothing. */
    public void close() {
        for (SharedDisk disk : disks.values()) if (disk.isReal()) disk.real().close();
    }

    /** Connects {@code node} with {@code paths} paths (p1..pN), all up and faithful. */
    public void addNode(String node, int paths) {
        if (nodes.containsKey(node)) throw new IllegalArgumentException("duplicate node: " + node);
        if (paths < 1 || paths > maxPaths) throw new IllegalArgumentException("paths must be 1.." + maxPaths + ": " + paths);
        NodePaths p = new NodePaths(node, paths);
        nodes.put(node, p);
        for (int i = 0; i < paths; i++) pathNames.put(p.initiators[i], node + "/" + pathName(i));
    }

    // ---- lookups ------------------------------------------------------------------------------

    public SharedDisk disk(String name) {
        SharedDisk disk = disks.get(name);
        if (disk == null) throw new IllegalArgumentException("no such disk: " + name);
        return disk;
    }

    public List<SharedDisk> disks() { return List.copyOf(disks.values()); }

    public List<String> nodeNames() { return List.copyOf(nodes.keySet()); }

    public int pathCount(String node) { return paths(node).count; }

    /** "p1" for index 0. */
    public static String pathName(int index) { return "p" + (index + 1); }

    /** The index of path "pK", or -1 when the node has no such path. */
    public int pathIndex(String node, String path) {
        NodePaths p = paths(node);
        for (int i = 0; i < p.count; i++) if (pathName(i).equals(path)) return i;
        return -1;
    }

    /** The I_T nexus of {@code node}'s path {@code pathIndex} to {@code disk}. */
    public ItNexus nexus(String node, int pathIndex, SharedDisk disk) {
        return new ItNexus(paths(node).initiators[pathIndex], targetPorts.get(pathIndex));
    }

    /** The initiator port of a node's path: one iSCSI name per node, one ISID per path. */
    public InitiatorPort initiator(String node, int pathIndex) { return paths(node).initiators[pathIndex]; }

    /** "node-a/p2" for a lab initiator port, else null. */
    public String describe(InitiatorPort port) { return pathNames.get(port); }

    /** The node an initiator port belongs to, or null. */
    public String nodeOf(InitiatorPort port) {
        String name = pathNames.get(port);
        return name == null ? null : name.substring(0, name.indexOf('/'));
    }

    public boolean isUp(String node, int pathIndex) { return paths(node).up[pathIndex]; }

    public PassthroughMode mode(String node, int pathIndex) { return paths(node).modes[pathIndex]; }

    // ---- faults -------------------------------------------------------------------------------

    /** Fails or restores a path (a pulled cable, a dead HBA); recorded when it changes. */
    public void setPathUp(String node, int pathIndex, boolean up, String reason) {
        NodePaths p = paths(node);
        if (p.up[pathIndex] == up) return;
        p.up[pathIndex] = up;
        if (sink.recording()) sink.append(new TimelineEvent.PathChanged(clock.nowNanos(), node, pathName(pathIndex), up, reason));
        if (!up) {
            // The transport drops the session: an I_T nexus loss at every disk (SAM-5 §6.3.4); registrations stay.
            for (SharedDisk disk : disks.values()) if (!disk.isReal()) disk.lu().itNexusLoss(nexus(node, pathIndex, disk));
        }
    }

    public void setMode(String node, int pathIndex, PassthroughMode mode) {
        NodePaths p = paths(node);
        if (p.modes[pathIndex] == mode) return;
        p.modes[pathIndex] = mode;
        if (sink.recording()) sink.append(new TimelineEvent.PassthroughChanged(clock.nowNanos(), node, pathName(pathIndex), mode));
    }

    /** LOGICAL UNIT RESET of one disk, requested from nowhere in particular (an operator or the array). */
    public void logicalUnitReset(String disk) {
        SharedDisk d = disk(disk);
        if (d.isReal()) notForwarded(d, "LOGICAL UNIT RESET");
        else d.lu().logicalUnitReset(null);
    }

    /**
     * A bus reset as an MSCS challenger issues it: every disk on the bus is reset, which drops every
     * SCSI-2 reservation (persistent reservations survive, SPC-4 §5.13.1).
     */
    public void busReset(ItNexus requester) {
        for (SharedDisk disk : disks.values()) {
            if (disk.isReal()) notForwarded(disk, "the bus reset");
            else disk.lu().targetReset(requester);
        }
    }

    /** The target (the whole array) restarts: power on for every disk; only APTPL state survives. */
    public void targetRestart() {
        for (SharedDisk disk : disks.values()) {
            if (disk.isReal()) notForwarded(disk, "the target restart");
            else disk.lu().powerOn();
        }
    }

    /** Resets and restarts are simulated faults: the lab does not inflict them on real hardware. */
    private void notForwarded(SharedDisk disk, String what) {
        if (sink.recording())
            sink.append(new TimelineEvent.ClusterLog(clock.nowNanos(), disk.name(), what + " is simulated only; it was not sent to the real device "
                    + disk.real().url()));
    }

    // ---- I/O ----------------------------------------------------------------------------------

    /**
     * Sends one command down one path and returns what the node sees. Runs to completion at once:
     * the simulation models ordering and timeouts, not microseconds of SAN latency.
     */
    public IoOutcome transmit(String node, int pathIndex, String diskName, ScsiRequest request) {
        NodePaths p = paths(node);
        String path = pathName(pathIndex);
        if (!p.up[pathIndex]) return new IoOutcome.NoPath(path);
        SharedDisk disk = disk(diskName);
        ItNexus nexus = nexus(node, pathIndex, disk);
        ScsiResponse response;
        try {
            response = execute(disk, nexus, request);
        } catch (RuntimeException transportFailure) {
            // A real device's transport failed (session dropped, timeout): the node sees its path fail.
            setPathUp(node, pathIndex, false, "the real device did not answer: " + transportFailure.getMessage());
            return new IoOutcome.NoPath(path);
        }
        if (p.modes[pathIndex] == PassthroughMode.FAITHFUL) return new IoOutcome.Completed(path, response);
        if (isUnitAttention(response)) {
            // The host consumed the unit attention and retried; the node never hears of it.
            response = execute(disk, nexus, request);
            if (isUnitAttention(response)) return new IoOutcome.IoError(path, "UNIT ATTENTION");
        }
        if (response.status() == ScsiStatus.RESERVATION_CONFLICT) return new IoOutcome.IoError(path, "RESERVATION CONFLICT");
        return new IoOutcome.Completed(path, response);
    }

    private static ScsiResponse execute(SharedDisk disk, ItNexus nexus, ScsiRequest request) {
        return disk.isReal() ? disk.real().execute(nexus, request) : disk.lu().execute(nexus, request);
    }

    /**
     * Whether a write from the node path would pass {@code disk}'s reservation right now; asks the
     * simulated LU, or judges a real disk's last read state (never sends anything).
     */
    public boolean writeAllowed(SharedDisk disk, String node, int pathIndex) {
        ItNexus nexus = nexus(node, pathIndex, disk);
        if (disk.isReal()) return disk.real().allowsWrite(nexus);
        return !disk.lu().reservations().conflicts(nexus, WRITE_PROBE);
    }

    private static final byte[] WRITE_PROBE = Cdbs.write10(0, 1);

    static boolean isUnitAttention(ScsiResponse response) {
        return response.status() == ScsiStatus.CHECK_CONDITION && response.sense() != null
                && response.sense().key() == SenseKey.UNIT_ATTENTION;
    }

    /** 2Ah/03h..05h: this nexus's reservation or registration was preempted or released. */
    static boolean isReservationLossAttention(ScsiResponse response) {
        if (!isUnitAttention(response)) return false;
        AdditionalSense a = response.sense().additional();
        return a.asc() == 0x2A && (a.ascq() == 0x03 || a.ascq() == 0x04 || a.ascq() == 0x05);
    }

    private NodePaths paths(String node) {
        NodePaths p = nodes.get(node);
        if (p == null) throw new IllegalArgumentException("no such node: " + node);
        return p;
    }

    /** One node's paths: initiator ports, physical state and passthrough mode, by path index. */
    private static final class NodePaths {
        final String node;
        final int count;
        final InitiatorPort[] initiators;
        final boolean[] up;
        final PassthroughMode[] modes;

        NodePaths(String node, int count) {
            this.node = node;
            this.count = count;
            initiators = new InitiatorPort[count];
            up = new boolean[count];
            modes = new PassthroughMode[count];
            for (int i = 0; i < count; i++) {
                initiators[i] = InitiatorPort.iscsi(IQN_PREFIX + node, ISID_BASE + i + 1);
                up[i] = true;
                modes[i] = PassthroughMode.FAITHFUL;
            }
        }
    }

    /** Unmodifiable view for tests. */
    List<TargetPort> targetPorts() { return Collections.unmodifiableList(targetPorts); }
}
