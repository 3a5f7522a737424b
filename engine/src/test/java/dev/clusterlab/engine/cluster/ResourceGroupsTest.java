package dev.clusterlab.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.sim.VirtualClock;
import dev.clusterlab.engine.timeline.Timeline;
import dev.clusterlab.engine.timeline.TimelineEvent.GroupStateChanged;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resource groups: one per data disk, who runs each, and the events and listener calls for each change. */
class ResourceGroupsTest {
    private final VirtualClock clock = new VirtualClock();
    private final Timeline timeline = new Timeline();
    private final ResourceGroups groups = new ResourceGroups(clock, timeline);
    private final List<String> heard = new ArrayList<>();

    {
        groups.add("sql", "disk1", "a");
        groups.add("files", "disk2", "b");
        groups.addListener((group, node, online) -> heard.add(group.name() + " " + node + " " + (online ? "online" : "offline")));
    }

    @Test
    void aGroupIsFoundByNameAndByItsDisk() {
        assertThat(groups.group("sql")).isEqualTo(new ResourceGroups.Group("sql", "disk1", "a"));
        assertThat(groups.onDisk("disk2").name()).isEqualTo("files");
        assertThat(groups.onDisk("disk9")).isNull();
        assertThat(groups.all()).extracting(ResourceGroups.Group::name).containsExactly("sql", "files");
    }

    @Test
    void aDiskHoldsAtMostOneGroup() {
        assertThatThrownBy(() -> groups.add("web", "disk1", "b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sql");
    }

    @Test
    void groupNamesAreUnique() {
        assertThatThrownBy(() -> groups.add("sql", "disk3", "a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownGroupsAreRefused() {
        assertThatThrownBy(() -> groups.group("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> groups.onlineNodes("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> groups.bringOnline("nope", "a", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewGroupRunsNowhere() {
        assertThat(groups.onlineNodes("sql")).isEmpty();
        assertThat(groups.isOnline("sql", "a")).isFalse();
        assertThat(groups.onNode("a")).isEmpty();
    }

    @Test
    void bringingAGroupOnlineIsRecordedWithItsTimeAndReason() {
        clock.setNanos(42);
        groups.bringOnline("sql", "a", "preferred owner");
        assertThat(timeline.ofType(GroupStateChanged.class))
                .containsExactly(new GroupStateChanged(42, "sql", "a", true, "preferred owner"));
        assertThat(groups.isOnline("sql", "a")).isTrue();
        assertThat(groups.onNode("a")).extracting(ResourceGroups.Group::name).containsExactly("sql");
    }

    @Test
    void bringingAGroupOnlineTwiceOnTheSameNodeIsOneChange() {
        groups.bringOnline("sql", "a", "first");
        groups.bringOnline("sql", "a", "again");
        assertThat(timeline.ofType(GroupStateChanged.class)).hasSize(1);
        assertThat(heard).containsExactly("sql a online");
    }

    @Test
    void takingOfflineAGroupThatIsNotOnlineThereChangesNothing() {
        groups.takeOffline("sql", "a", "stop");
        groups.bringOnline("sql", "a", "start");
        groups.takeOffline("sql", "b", "stop elsewhere");
        assertThat(timeline.ofType(GroupStateChanged.class)).hasSize(1);
        assertThat(heard).containsExactly("sql a online");
    }

    @Test
    void everyListenerHearsEachChangeOnceInOrder() {
        List<String> second = new ArrayList<>();
        groups.addListener((group, node, online) -> second.add(node + online));
        groups.bringOnline("sql", "a", "start");
        groups.takeOffline("sql", "a", "stop");
        groups.takeOffline("sql", "a", "stop again");
        assertThat(heard).containsExactly("sql a online", "sql a offline");
        assertThat(second).containsExactly("atrue", "afalse");
        assertThat(timeline.ofType(GroupStateChanged.class)).extracting(GroupStateChanged::online).containsExactly(true, false);
    }

    @Test
    void twoNodesMayRunTheSameGroupAndAreListedInNameOrder() {
        groups.bringOnline("sql", "c", "split brain");
        groups.bringOnline("sql", "a", "split brain");
        assertThat(groups.onlineNodes("sql")).containsExactly("a", "c");
        groups.takeOffline("sql", "a", "fenced");
        assertThat(groups.onlineNodes("sql")).containsExactly("c");
    }

    @Test
    void onNodeListsEveryGroupOfTheNode() {
        groups.bringOnline("files", "a", "x");
        groups.bringOnline("sql", "a", "x");
        groups.bringOnline("sql", "b", "x");
        assertThat(groups.onNode("a")).extracting(ResourceGroups.Group::name).containsExactly("sql", "files");
        assertThat(groups.onNode("b")).extracting(ResourceGroups.Group::name).containsExactly("sql");
    }

    @Test
    void aSinkThatDoesNotRecordStillLetsListenersHear() {
        ResourceGroups quiet = new ResourceGroups(clock, TimelineSink.DISCARD);
        quiet.add("sql", "disk1", "a");
        List<String> calls = new ArrayList<>();
        quiet.addListener((group, node, online) -> calls.add(node));
        quiet.bringOnline("sql", "a", "x");
        assertThat(calls).containsExactly("a");
    }
}
