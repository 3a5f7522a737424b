package dev.clusterlab.engine.cluster.storage;

import dev.clusterlab.engine.device.DeviceConnector;
import dev.clusterlab.engine.device.DeviceIdentity;
import dev.clusterlab.engine.device.DeviceUrl;
import dev.clusterlab.engine.device.ScsiDevice;
import dev.clusterlab.engine.device.guard.DeviceGuard;
import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import dev.clusterlab.engine.sim.Clock;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shared disk that is a real logical unit: each node path reaches it through its own opened,
 * guarded device (its own I_T nexus on iSCSI), so the real device's reservation behaviour is what
 * the timeline shows. Commands are recorded as the simulated LU records them; after every
 * reservation command that completes GOOD the disk reads the device's reservation state through an
 * observer nexus and records the change, so projections (holder, registrants, generation) show the
 * device's own answer, not a model's.
 *
 * <p>The observer is a separate iSCSI initiator that never registers, so its PERSISTENT RESERVE IN
 * never consumes a unit attention meant for a node. An SG_IO device has one nexus for everyone on
 * the host: a unit attention the observer receives there is held and delivered to the next command
 * sent through that device, so no node misses one.
 */
public final class RealDisk implements AutoCloseable {
    /** The lab's observer initiator: reads reservation state, never registers. */
    public static final String OBSERVER_NAME = StorageFabric.IQN_PREFIX + "lab-observer";

    private final String name;
    private final DeviceUrl url;
    private final Map<String, DeviceUrl> pathUrls;
    private final RealDevices devices;
    private final Clock clock;
    private final TimelineSink sink;
    private final Map<ItNexus, PathDevice> paths = new LinkedHashMap<>();
    private final Map<InitiatorPort, ItNexus> wireToLab = new HashMap<>();
    private final Map<ItNexus, Long> keys = new LinkedHashMap<>();
    private final Map<String, ScsiResponse> heldAttention = new HashMap<>();
    private final Set<String> narrated = ConcurrentHashMap.newKeySet();
    private ItNexus lastReserver;
    private ItNexus spc2Holder;
    private DeviceGuard observer;
    private boolean observerShared;
    private ReservationSnapshot snapshot = ReservationSnapshot.EMPTY;
    private long nextCommandId = 1;
    private boolean refusedNow;

    /** One node path's guarded device. */
    private record PathDevice(String node, String path, DeviceUrl url, DeviceGuard guard) {}

    public RealDisk(String name, DeviceUrl url, Map<String, DeviceUrl> pathUrls, RealDevices devices, Clock clock, TimelineSink sink) {
        this.name = name;
        this.url = url;
        this.pathUrls = Map.copyOf(pathUrls);
        this.devices = devices;
        this.clock = clock;
        this.sink = sink;
        // Arming or disarming changes what the guard says: say it again.
        devices.arming().addListener(identity -> narrated.clear());
    }

    public String name() { return name; }

    public DeviceUrl url() { return url; }

    /** The device {@code node}'s path {@code pathIndex} reaches. */
    public DeviceUrl urlFor(String node, int pathIndex) {
        return pathUrls.getOrDefault(node + "/" + StorageFabric.pathName(pathIndex), url);
    }

    /** Opens the node path's device as initiator {@code <lab prefix><node>}, path number = ISID. */
    void connect(String node, int pathIndex, ItNexus labNexus) throws IOException {
        DeviceUrl u = urlFor(node, pathIndex);
        DeviceConnector.OpenedDevice opened = devices.connector().open(u, StorageFabric.IQN_PREFIX + node, pathIndex + 1);
        DeviceGuard guard = DeviceGuard.open(opened, u.toString(), devices.arming(), devices.audit());
        guard.onRefusal(reason -> refused(node, reason));
        paths.put(labNexus, new PathDevice(node, StorageFabric.pathName(pathIndex), u, guard));
        InitiatorPort wire = wirePort(opened.initiatorPortName());
        if (wire != null) wireToLab.put(wire, labNexus);
    }

    /** Opens the observer and records the state the device had when the lab attached. */
    void connectObserver() throws IOException {
        warnAboutSharedNexuses();
        if (url instanceof DeviceUrl.Iscsi) {
            observer = DeviceGuard.open(devices.connector().open(url, OBSERVER_NAME, 1), url.toString(), devices.arming(), devices.audit());
        } else if (!paths.isEmpty()) {
            observer = paths.values().iterator().next().guard();
            observerShared = true;
        } else {
            return;
        }
        refresh("the state of the real device when the lab attached");
    }

    /**
     * A local device node is one host port: nodes that share it share one I_T nexus, and the device
     * cannot tell their registrations apart. Say so at the start rather than let the picture mislead.
     */
    private void warnAboutSharedNexuses() {
        Map<String, List<String>> byDevice = new LinkedHashMap<>();
        for (PathDevice p : paths.values()) {
            if (p.url() instanceof DeviceUrl.Sg) byDevice.computeIfAbsent(p.url().toString(), k -> new ArrayList<>()).add(p.node() + "/" + p.path());
        }
        for (Map.Entry<String, List<String>> e : byDevice.entrySet()) {
            Set<String> nodes = new LinkedHashSet<>();
            for (String np : e.getValue()) nodes.add(np.substring(0, np.indexOf('/')));
            if (nodes.size() > 1 && sink.recording()) {
                sink.append(new TimelineEvent.ClusterLog(clock.nowNanos(), name, String.join(", ", e.getValue()) + " all reach " + name
                        + " through " + e.getKey() + ", one I_T nexus: the device cannot tell these nodes' registrations apart;"
                        + " bind each node to its own device (bind NODE/PATH disk=" + name + " url=...)"));
            }
        }
    }

    /** Every identity seen behind this disk's paths (several when paths disagree: a wiring mistake worth showing). */
    public List<DeviceIdentity> identities() {
        Set<DeviceIdentity> out = new LinkedHashSet<>();
        for (PathDevice p : paths.values()) if (p.guard().identity() != null) out.add(p.guard().identity());
        return List.copyOf(out);
    }

    public boolean armed() {
        for (PathDevice p : paths.values()) if (!p.guard().armed()) return false;
        return !paths.isEmpty();
    }

    /** The reservation state last read from the device. */
    public ReservationSnapshot snapshot() { return snapshot; }

    /**
     * Sends one command down a node path, recording it; runs on the simulation's thread.
     *
     * @throws RuntimeException the transport's failure (the path is gone); the command is recorded as aborted
     */
    ScsiResponse execute(ItNexus nexus, ScsiRequest request) {
        PathDevice p = paths.get(nexus);
        if (p == null) throw new IllegalStateException(name + " has no opened device for " + nexus.initiator().displayName());
        long id = nextCommandId++;
        boolean rec = sink.recording();
        if (rec) sink.append(new TimelineEvent.CommandStarted(clock.nowNanos(), name, nexus, id, request.cdb(), request.dataOut()));
        ScsiResponse held = observerShared ? heldAttention.remove(p.url().toString()) : null;
        ScsiResponse response;
        refusedNow = false;
        if (held != null) {
            response = held;
        } else {
            try {
                response = p.guard().execute(request);
            } catch (RuntimeException e) {
                if (rec) sink.append(new TimelineEvent.CommandCompleted(clock.nowNanos(), name, nexus, id, ScsiStatus.TASK_ABORTED, null, null));
                throw e;
            }
        }
        if (rec) sink.append(new TimelineEvent.CommandCompleted(clock.nowNanos(), name, nexus, id, response.status(), response.sense(),
                response.dataIn()));
        if (!refusedNow && held == null && response.status() == ScsiStatus.GOOD && track(nexus, request)) {
            refresh(ScsiDecoder.summarize(request.cdb(), request.dataOut()) + " from " + p.node() + "/" + p.path());
        }
        return response;
    }

    /**
     * Whether a write from {@code nexus} would pass the reservation as last read: the rules of SPC-4
     * §5.13.1 Table 41 for WRITE, from the snapshot (the monitor's question, answered without asking the device).
     */
    boolean allowsWrite(ItNexus nexus) {
        ReservationSnapshot s = snapshot;
        if (spc2Holder != null && !spc2Holder.equals(nexus)) return false;
        if (!s.reserved()) return true;
        boolean registered = false;
        for (ReservationSnapshot.Registrant r : s.registrants()) {
            if (!r.initiator().equals(nexus.initiator())) continue;
            if (r.holder()) return true;
            registered = true;
        }
        PrType type = PrType.fromCode(s.reservationType());
        return registered && type != null && (type.registrantsOnly() || type.allRegistrants());
    }

    /** Follows who registered which key and who reserved; true when the reservation state may have changed. */
    private boolean track(ItNexus nexus, ScsiRequest request) {
        byte[] cdb = request.cdb();
        int opcode = cdb[0] & 0xFF;
        switch (opcode) {
            case Opcode.RESERVE_6, Opcode.RESERVE_10 -> { spc2Holder = nexus; return true; }
            case Opcode.RELEASE_6, Opcode.RELEASE_10 -> { if (nexus.equals(spc2Holder)) spc2Holder = null; return true; }
            case Opcode.PERSISTENT_RESERVE_OUT -> { }
            default -> { return false; }
        }
        byte[] p = request.dataOut();
        long sark = p.length >= 16 ? Bytes.u64(p, 8) : 0;
        switch (cdb.length > 1 ? cdb[1] & 0x1F : -1) {
            case 0x00, 0x06 -> { if (sark == 0) keys.remove(nexus); else keys.put(nexus, sark); }   // REGISTER (AND IGNORE)
            case 0x01 -> lastReserver = nexus;                                                        // RESERVE
            case 0x02 -> { if (nexus.equals(lastReserver)) lastReserver = null; }                    // RELEASE
            case 0x03 -> { keys.clear(); lastReserver = null; }                                       // CLEAR
            case 0x04, 0x05 -> {                                                                       // PREEMPT (AND ABORT)
                keys.entrySet().removeIf(e -> e.getValue() == sark && !e.getKey().equals(nexus));
                lastReserver = nexus;
            }
            default -> { }
        }
        return true;
    }

    private void refresh(String cause) {
        if (observer == null) return;
        ReservationSnapshot after;
        try {
            after = RealReservationReader.read(observerDevice(), knowledge());
        } catch (RealReservationReader.Unreadable | RuntimeException e) {
            if (narrated.add("unreadable")) {
                sink.append(new TimelineEvent.ClusterLog(clock.nowNanos(), name, "cannot read the reservation state of " + url + ": "
                        + e.getMessage()));
            }
            return;
        }
        Set<Long> present = new java.util.HashSet<>();
        for (ReservationSnapshot.Registrant r : after.registrants()) present.add(r.key());
        keys.values().removeIf(k -> !present.contains(k));
        ReservationSnapshot before = snapshot;
        snapshot = after;
        if (!after.equals(before) && sink.recording())
            sink.append(new TimelineEvent.ReservationChanged(clock.nowNanos(), name, before, after, cause));
    }

    /** The observer, holding any unit attention it receives on a nexus it shares with the nodes (SG_IO). */
    private ScsiDevice observerDevice() {
        return new ScsiDevice() {
            @Override
            public ScsiResponse execute(ScsiRequest request) {
                ScsiResponse r = observer.execute(request);
                if (observerShared && StorageFabric.isUnitAttention(r)) heldAttention.putIfAbsent(url.toString(), r);
                return r;
            }

            @Override
            public String describe() { return observer.describe(); }
        };
    }

    private RealReservationReader.Knowledge knowledge() {
        return new RealReservationReader.Knowledge() {
            @Override public ItNexus labNexus(InitiatorPort wire) { return wireToLab.get(wire); }
            @Override public Map<ItNexus, Long> trackedKeys() { return keys; }
            @Override public ItNexus lastReserver() { return lastReserver; }
            @Override public ItNexus spc2Holder() { return spc2Holder; }
        };
    }

    private void refused(String node, String reason) {
        refusedNow = true;
        if (narrated.add(node + "|" + reason) && sink.recording())
            sink.append(new TimelineEvent.ClusterLog(clock.nowNanos(), node, "safety guard refused a command to " + name + ": " + reason));
    }

    /** The initiator port an opened device speaks as, when it is an iSCSI port name; null otherwise (SG_IO). */
    private static InitiatorPort wirePort(String portName) {
        if (portName == null || !portName.toLowerCase(java.util.Locale.ROOT).contains(",i,0x")) return null;
        try {
            return InitiatorIdentity.parse(portName, 0).port();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Every device this disk opened, for the UI and diagnostics: "node-a/p1 -> iscsi://... as ...". */
    public List<String> describePaths() {
        List<String> out = new ArrayList<>();
        for (PathDevice p : paths.values()) out.add(p.node() + "/" + p.path() + " -> " + p.guard().describe());
        return out;
    }

    @Override
    public void close() {
        for (PathDevice p : paths.values()) p.guard().close();
        if (observer != null && !observerShared) observer.close();
        paths.clear();
    }
}
