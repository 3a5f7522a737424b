package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.cluster.storage.NodeStorage;
import dev.clusterlab.engine.cluster.storage.SharedDisk;
import dev.clusterlab.engine.sim.EventHandle;
import dev.clusterlab.engine.sim.RandomStream;
import java.util.List;

/**
 * Everything a node's cluster service may see and do. Timers created here belong to the service:
 * they stop when the node goes down, and while it is hung one-shot timers are held until it resumes
 * and periodic ones skip their turns.
 */
public interface NodeContext {

    String name();

    /** The node's id, 1-based in declaration order (used in reservation keys). */
    int id();

    /** Every node of the cluster, in declaration order. */
    List<String> nodeNames();

    /** The id of {@code node}. */
    int idOf(String node);

    /** Virtual time in nanoseconds. */
    long now();

    ClusterParameters parameters();

    QuorumRule quorum();

    /** This node's membership view. */
    Membership view();

    /** Heartbeat checks in a row this node has missed {@code peer} (0: heard within the last interval). */
    int heartbeatsMissed(String peer);

    ResourceGroups groups();

    List<SharedDisk> disks();

    /** The witness disk, or null. */
    String witnessDisk();

    /** The coordinator disks (Veritas), in declaration order. */
    List<String> coordinatorDisks();

    /** The node's storage stack: multipath I/O to the shared disks. */
    NodeStorage storage();

    /** This node's random stream for {@code purpose} (independent of every other stream). */
    RandomStream random(String purpose);

    EventHandle after(long delayNanos, Runnable action);

    EventHandle every(long initialDelayNanos, long periodNanos, Runnable action);

    /** Writes a line to the node's cluster log (the timeline). */
    void log(String text);

    /** Records that this node cut {@code victim} off {@code disk} with {@code how}. */
    void fenced(String victim, String disk, String how);

    /** Records this node's quorum state; recorded only when it changes. */
    void quorum(boolean hasQuorum, int votes);

    /** Whether this node currently believes it has quorum. */
    boolean hasQuorum();

    /** Brings {@code group} online here: the node claims its disk and its service starts writing. */
    void bringOnline(String group, String reason);

    /** Takes {@code group} offline here: the service stops and the disk is released. */
    void takeOffline(String group, String reason);

    /** Resets the SCSI bus of {@code disk} from this node (MSCS challenge): every SCSI-2 reservation is dropped. */
    void busReset(String disk);

    /** The node reboots now (watchdog, panic); it is down for the reboot time, then boots afresh. */
    void reboot(String reason);
}
