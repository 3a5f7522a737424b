package dev.clusterlab.views.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.target.IscsiTargetServer;
import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.iscsi.target.PortalGroup;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetEvent;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A live target watched: initiators become nodes as they log in, their commands arrive, logouts grey them out. */
class LiveSessionTest {
    private static final long MS = 1_000_000L;
    private static final String TARGET = "iqn.2026-11.dev.clusterlab:live";

    private final AtomicLong now = new AtomicLong();
    private final LiveRecording live = new LiveRecording(now::get, List.of("shared"));
    private final LabSession session = LabSession.live(live, "live");

    private static final InitiatorPort A1 = InitiatorPort.iscsi("iqn.1991-05.com.microsoft:node1.corp.local", 0x400001370000L);
    private static final InitiatorPort A2 = InitiatorPort.iscsi("iqn.1991-05.com.microsoft:node1.corp.local", 0x400001370001L);
    private static final InitiatorPort B1 = InitiatorPort.iscsi("iqn.1991-05.com.microsoft:node2.corp.local", 0x400001370000L);

    private void login(InitiatorPort p) {
        live.targetEvents().accept(new TargetEvent.LoggedIn(p.displayName(), TARGET, "Normal", null));
    }

    private void command(long time, InitiatorPort p, long id) {
        ItNexus nexus = new ItNexus(p, new TargetPort(1, TARGET + ",t,0x0001", 1));
        live.sink().append(new TimelineEvent.CommandStarted(time, "shared", nexus, id, new byte[] {0x00, 0, 0, 0, 0, 0}, new byte[0]));
        live.sink().append(new TimelineEvent.CommandCompleted(time, "shared", nexus, id, ScsiStatus.GOOD, null, new byte[0]));
    }

    @Test
    void initiatorsAppearAsNodesWithOnePathPerSession() {
        assertThat(session.topology().nodes()).isEmpty();
        assertThat(session.topology().diskNames()).containsExactly("shared");
        now.set(10 * MS);
        login(A1);
        login(A2);
        login(B1);
        command(11 * MS, A2, 1);
        now.set(20 * MS);
        session.advanceTo(Long.MAX_VALUE);
        assertThat(session.kind()).isEqualTo(LabSession.Kind.LIVE);
        assertThat(session.end()).isEqualTo(20 * MS);
        assertThat(session.cursor()).isEqualTo(20 * MS);
        assertThat(session.topology().nodeNames()).containsExactly("node1", "node2");
        assertThat(session.topology().nodes().get(0).paths()).isEqualTo(2);
        assertThat(session.describe(A2)).isEqualTo("node1/p2");
        assertThat(session.frame().recentCommands()).singleElement().satisfies(c -> {
            assertThat(c.node()).isEqualTo("node1");
            assertThat(c.path()).isEqualTo("p2");
        });
    }

    @Test
    void aNodeWhoseLastPathLogsOutIsDownAndComesBackOnLogin() {
        now.set(1 * MS);
        login(A1);
        login(A2);
        now.set(2 * MS);
        live.targetEvents().accept(new TargetEvent.LoggedOut(A1.displayName(), TARGET, "close session"));
        now.set(3 * MS);
        session.advanceTo(Long.MAX_VALUE);
        assertThat(session.frame().cluster().node("node1")).isEqualTo(NodeState.UP);
        assertThat(session.frame().cluster().pathFailed("node1", "p1")).isTrue();
        live.targetEvents().accept(new TargetEvent.ConnectionLost(A2.displayName(), TARGET, "reset by peer"));
        now.set(4 * MS);
        session.advanceTo(Long.MAX_VALUE);
        assertThat(session.frame().cluster().node("node1")).isEqualTo(NodeState.DOWN);
        login(A1);
        now.set(5 * MS);
        session.advanceTo(Long.MAX_VALUE);
        assertThat(session.frame().cluster().node("node1")).isEqualTo(NodeState.UP);
        // Rewinding shows the past as it was.
        session.seek(2 * MS + MS / 2);
        assertThat(session.frame().cluster().node("node1")).isEqualTo(NodeState.UP);
        session.seek(3 * MS + MS / 2);
        assertThat(session.frame().cluster().node("node1")).isEqualTo(NodeState.DOWN);
        assertThat(session.canAct()).isFalse();
    }

    @Test
    void discoverySessionsAreNotNodes() {
        live.targetEvents().accept(new TargetEvent.LoggedIn(A1.displayName(), "", "Discovery", null));
        now.set(MS);
        session.advanceTo(Long.MAX_VALUE);
        assertThat(session.topology().nodes()).isEmpty();
    }

    @Test
    void aRealInitiatorOnLoopbackAppearsAndItsCommandsAnimate() throws Exception {
        long t0 = System.nanoTime();
        LiveRecording real = new LiveRecording(() -> System.nanoTime() - t0, List.of("lu0"));
        LabSession watched = LabSession.live(real, "live");
        TargetDefinition target = new TargetDefinition(TARGET, List.of(new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", 0)))),
                List.of(new LunDefinition("lu0", new MemoryBlockStore(512, 2048), AptplStore.NONE)), null, null, Set.of());
        try (IscsiTargetServer server = IscsiTargetServer.start(List.of(target), TargetLimits.DEFAULT, real.sink(), real.targetEvents(),
                () -> System.nanoTime() - t0)) {
            String url = "iscsi://127.0.0.1:" + server.boundAddresses().get(0).getPort() + "/" + TARGET + "/0";
            Process p = new ProcessBuilder("iscsi-inq", "-i", "iqn.2026-11.test:host-a", url).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            long deadline = System.nanoTime() + 10_000_000_000L;
            do {
                Thread.sleep(20);
                watched.advanceTo(Long.MAX_VALUE);
            } while (watched.frame().cluster().node("host-a") != NodeState.DOWN && System.nanoTime() < deadline);
        }
        assertThat(watched.topology().nodeNames()).containsExactly("host-a");
        assertThat(watched.timeline().ofType(TimelineEvent.CommandCompleted.class)).isNotEmpty()
                .allSatisfy(c -> assertThat(watched.describe(c.nexus().initiator())).isEqualTo("host-a/p1"));
        assertThat(watched.frame().cluster().node("host-a")).as("logged out after the inquiry").isEqualTo(NodeState.DOWN);
    }
}
