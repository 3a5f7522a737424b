package dev.clusterlab.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.device.DeviceUrl;
import org.junit.jupiter.api.Test;

/** {@code disk NAME url=...} and {@code bind NODE/PATH disk=DISK url=...}: real devices in scenario files. */
class RealDiskSyntaxTest {
    private static final String HEAD = """
            title: t
            policy: wsfc-pr
            quorum: node-majority
            node a paths=2
            node b
            """;

    private static Scenario parse(String body) throws ScenarioSyntaxException { return ScenarioParser.parse("f", HEAD + body); }

    @Test
    void aDiskWithAUrlIsRealAndEveryPathUsesTheUrl() throws Exception {
        Scenario s = parse("disk data url=iscsi://10.0.0.5/iqn.2026-11.com.example:array/1\ndisk w\n");
        DiskSpec data = s.disks().get(0);
        assertThat(data.real()).isTrue();
        assertThat(data.urlFor("a", "p2")).isEqualTo(DeviceUrl.parse("iscsi://10.0.0.5:3260/iqn.2026-11.com.example:array/1"));
        assertThat(s.disks().get(1).real()).isFalse();
        assertThat(s.bindsRealDevices()).isTrue();
    }

    @Test
    void bindOverridesOneNodePathEvenBeforeTheDiskIsDeclared() throws Exception {
        Scenario s = parse("bind b/p1 disk=data url=sg:///dev/sg3\ndisk data url=iscsi://h/iqn.x:y/0\n");
        DiskSpec data = s.disks().get(0);
        assertThat(data.urlFor("b", "p1")).isEqualTo(new DeviceUrl.Sg("/dev/sg3"));
        assertThat(data.urlFor("a", "p1")).isInstanceOf(DeviceUrl.Iscsi.class);
    }

    @Test
    void withSimulatedDisksDropsTheDevices() throws Exception {
        Scenario s = parse("disk data url=iscsi://h/iqn.x:y/0\n").withSimulatedDisks();
        assertThat(s.bindsRealDevices()).isFalse();
        assertThat(s.disks().get(0).name()).isEqualTo("data");
    }

    @Test
    void aBadUrlIsReportedAtItsColumn() {
        assertThatThrownBy(() -> parse("disk data url=http://h/x\n"))
                .isInstanceOf(ScenarioSyntaxException.class).hasMessageStartingWith("f:6:15: unknown device URL");
        assertThatThrownBy(() -> parse("disk data url=sg://dev/sg3\n")).hasMessageStartingWith("f:6:15: sg URL needs three slashes");
    }

    @Test
    void bindingAPathOfASimulatedDiskIsAnError() {
        assertThatThrownBy(() -> parse("disk data\nbind a/p1 disk=data url=sg:///dev/sg3\n"))
                .hasMessageStartingWith("f:7:16: disk data is simulated; give it url=");
    }

    @Test
    void bindNamesAnExistingNodePath() {
        assertThatThrownBy(() -> parse("disk data url=iscsi://h/iqn.x:y/0\nbind b/p2 disk=data url=sg:///dev/sg3\n"))
                .hasMessageStartingWith("f:7:8: node b has no path 'p2'");
        assertThatThrownBy(() -> parse("disk data url=iscsi://h/iqn.x:y/0\nbind b disk=data url=sg:///dev/sg3\n"))
                .hasMessageStartingWith("f:7:6: expected NODE/PATH");
    }

    @Test
    void quirksAreForSimulatedDisksOnly() {
        assertThatThrownBy(() -> parse("disk data quirk=forgets-reservation url=iscsi://h/iqn.x:y/0\n"))
                .hasMessageStartingWith("f:6:11: quirks are simulated target defects");
    }

    @Test
    void aPathBoundTwiceIsAnError() {
        assertThatThrownBy(() -> parse("disk data url=iscsi://h/iqn.x:y/0\nbind a/p1 disk=data url=sg:///dev/sg3\n"
                + "bind a/p1 disk=data url=sg:///dev/sg4\n")).hasMessageContaining("duplicate bind of a/p1");
    }
}
