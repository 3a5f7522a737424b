package dev.clusterlab.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.TargetPort;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static TimelineEvent event(long t) {
        return new TimelineEvent.TaskManagement(t, "disk1", null, TimelineEvent.TaskManagementKind.POWER_ON);
    }

    @Test
    void eventsComeBackInAppendOrderAcrossChunkBoundaries() {
        Timeline tl = new Timeline();
        for (int i = 0; i < 10_000; i++) tl.append(event(i));
        assertThat(tl.size()).isEqualTo(10_000);
        for (int i : new int[] {0, 4095, 4096, 8191, 8192, 9999}) assertThat(tl.get(i).time()).isEqualTo(i);
        List<TimelineEvent> slice = tl.slice(4090, 4100);
        assertThat(slice).extracting(TimelineEvent::time).containsExactly(4090L, 4091L, 4092L, 4093L, 4094L, 4095L, 4096L, 4097L, 4098L, 4099L);
    }

    @Test
    void nodeIndexHoldsClusterEventsNamingTheNodeAndCommandsFromItsInitiators() {
        Timeline tl = new Timeline();
        InitiatorPort a1 = InitiatorPort.iscsi("iqn.x:node-a", 1), b1 = InitiatorPort.iscsi("iqn.x:node-b", 1);
        tl.resolveNodesWith(port -> port.equals(a1) ? "node-a" : port.equals(b1) ? "node-b" : null);
        ItNexus fromA = new ItNexus(a1, new TargetPort(1, "t", 1));
        tl.append(new TimelineEvent.NodeStateChanged(0, "node-a", NodeState.UP, NodeState.DOWN));           // 0: a
        tl.append(new TimelineEvent.CommandStarted(1, "data", fromA, 7, new byte[6], new byte[0]));          // 1: a
        tl.append(new TimelineEvent.MembershipChanged(2, "node-b", "node-a", TimelineEvent.MembershipChange.REMOVED,
                List.of("node-b")));                                                                         // 2: a, b
        tl.append(new TimelineEvent.NodeFenced(3, "node-a", "node-b", "data", "PREEMPT AND ABORT"));          // 3: a, b
        tl.append(new TimelineEvent.GroupStateChanged(4, "sql", "node-b", true, "failover"));                 // 4: b
        tl.append(event(5));                                                                                 // 5: none
        assertThat(tl.indexesOfNode("node-a")).containsExactly(0, 1, 2, 3);
        assertThat(tl.indexesOfNode("node-b")).containsExactly(2, 3, 4);
        assertThat(tl.indexesOfNode("node-c")).isEmpty();
    }

    @Test
    void readingPastThePublishedPrefixIsAnError() {
        Timeline tl = new Timeline();
        tl.append(event(1));
        assertThatThrownBy(() -> tl.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> tl.slice(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aReaderOnAnotherThreadOnlyEverSeesCompleteEvents() throws Exception {
        Timeline tl = new Timeline();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                int seen = 0;
                while (seen < 50_000) {
                    int n = tl.size();
                    for (int i = seen; i < n; i++) {
                        if (tl.get(i) == null || tl.get(i).time() != i) throw new AssertionError("bad event at " + i);
                    }
                    seen = n;
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (int i = 0; i < 50_000; i++) tl.append(event(i));
        reader.join(10_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
    }

    @Test
    void ofTypeFiltersBySealedSubtype() {
        Timeline tl = new Timeline();
        tl.append(event(1));
        tl.append(new TimelineEvent.TasksAborted(2, "disk1", null, 3, "test"));
        assertThat(tl.ofType(TimelineEvent.TasksAborted.class)).hasSize(1).first().extracting(TimelineEvent.TasksAborted::count).isEqualTo(3);
    }

    @Test
    void anEventThatStepsBackInTimeIsFiledUnderTheLatestTimeSeenBeforeIt() {
        Timeline tl = new Timeline();
        tl.append(event(10));
        tl.append(event(7)); // a live I/O thread raced the clock
        tl.append(event(12));
        assertThat(tl.get(1).time()).isEqualTo(7);
        assertThat(tl.indexedTime(1)).isEqualTo(10);
        assertThat(tl.firstIndexAtOrAfter(8)).isZero();
        assertThat(tl.firstIndexAtOrAfter(11)).isEqualTo(2);
        assertThat(tl.firstIndexAtOrAfter(13)).isEqualTo(3);
        assertThat(tl.countUpTo(10)).isEqualTo(2);
    }

    @Test
    void readersOnAnotherThreadSeeConsistentIndexesAndStatesWhileTheWriterAppends() throws Exception {
        List<TimelineEvent> events = RandomEvents.generate(new java.util.Random(42), 60_000);
        Timeline tl = new Timeline();
        ProjectionCache<DiskReservationView.State> cache = new ProjectionCache<>(tl, DiskReservationView.INSTANCE, 512);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                java.util.Random random = new java.util.Random(7);
                while (tl.size() < events.size()) {
                    int n = tl.size();
                    int[] ofDisk1 = tl.indexesOfLogicalUnit("disk1");
                    for (int i = 1; i < ofDisk1.length; i++) {
                        if (ofDisk1[i] <= ofDisk1[i - 1]) throw new AssertionError("index not ascending");
                    }
                    for (int i : ofDisk1) {
                        if (!Timeline.logicalUnitOf(tl.get(i)).equals("disk1")) throw new AssertionError("wrong lu at " + i);
                    }
                    int position = random.nextInt(n + 1);
                    if (!cache.stateAt(position).equals(ProjectionCacheProperties.foldFromStart(events, position))) {
                        throw new AssertionError("state differs at " + position);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (TimelineEvent e : events) tl.append(e);
        reader.join(30_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(cache.head()).isEqualTo(ProjectionCacheProperties.foldFromStart(events, events.size()));
    }
}
