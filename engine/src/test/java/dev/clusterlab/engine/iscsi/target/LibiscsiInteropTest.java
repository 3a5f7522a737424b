package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A real initiator against the target: libiscsi's command-line tools (Debian libiscsi-bin, part of
 * the project's test environment per issue 3). The full conformance run lives in the conformance
 * harness; these are the smoke tests and the iSCSI-level families of iscsi-test-cu.
 */
class LibiscsiInteropTest {
    private static TargetFixture fixture;
    private static String portal;

    @BeforeAll
    static void start() throws IOException {
        fixture = TargetFixture.start();
        portal = "127.0.0.1:" + fixture.address().getPort();
    }

    @AfterAll
    static void stop() { fixture.close(); }

    private record Run(int exit, String output) {}

    private static Run run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String lunUrl(int lun) { return "iscsi://" + portal + "/" + TargetFixture.IQN + "/" + lun; }

    @Test
    @DisplayName("iscsi-ls -s discovers the target and both LUNs with their sizes")
    void iscsiLs() throws Exception {
        Run r = run("iscsi-ls", "-s", "iscsi://" + portal);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("Target:" + TargetFixture.IQN + " Portal:" + portal + ",1").contains("Lun:0").contains("Lun:1");
    }

    @Test
    @DisplayName("iscsi-inq reads standard INQUIRY data through a real login")
    void iscsiInq() throws Exception {
        Run r = run("iscsi-inq", lunUrl(0));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("Vendor:CLUSTLAB").contains("Peripheral Device Type:DIRECT_ACCESS");
    }

    @Test
    @DisplayName("iscsi-readcapacity16 reports the LUN's size")
    void readCapacity16() throws Exception {
        Run r = run("iscsi-readcapacity16", lunUrl(1));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("Total size:" + (long) TargetFixture.BLOCKS * 512);
    }

    @Test
    @DisplayName("iscsi-test-cu: the iSCSI-level families and PR registration pass with two initiator names")
    void iscsiTestCuFamilies() throws Exception {
        List<String> failed = new ArrayList<>();
        for (String family : List.of("ALL.iSCSIcmdsn", "ALL.iSCSIdatasn", "ALL.iSCSIResiduals", "ALL.iSCSITMF",
                "ALL.ProutRegister", "ALL.Reserve6")) {
            Run r = run("iscsi-test-cu", "--dataloss", "-i", "iqn.2026-01.test:cu-a", "-I", "iqn.2026-01.test:cu-b",
                    "-t", family, lunUrl(0));
            if (r.exit() != 0 || !r.output().matches("(?s).*tests\\s+\\d+\\s+\\d+\\s+\\d+\\s+0\\s+0.*")) failed.add(family + "\n" + r.output());
        }
        assertThat(failed).isEmpty();
    }
}
