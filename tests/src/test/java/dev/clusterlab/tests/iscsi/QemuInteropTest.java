package dev.clusterlab.tests.iscsi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second initiator besides libiscsi's tools: QEMU's iSCSI block driver (qemu-img, qemu-io), the
 * path a KVM guest's disk takes, run without root against the in-process target.
 */
class QemuInteropTest {
    static final String TARGET = "iqn.2026-11.dev.clusterlab:qemu";
    static final long LUN_BYTES = 64L << 20;
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static InProcessTarget target;

    @BeforeAll
    static void startTarget() throws Exception {
        target = InProcessTarget.start(TARGET, 1, LUN_BYTES);
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) target.close();
    }

    private static String run(String tool, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ExternalTools.require(tool).toString()));
        cmd.addAll(List.of(args));
        ExternalTools.Outcome o = ExternalTools.run(cmd, TIMEOUT);
        assertThat(o.timedOut()).as("%s", o.describe()).isFalse();
        assertThat(o.exitCode()).as("%s:%n%s%ntarget events: %s", o.describe(), o.text(), target.troubleEvents()).isZero();
        return o.text();
    }

    @Test
    void qemuImgSeesTheLunsSize() {
        String out = run("qemu-img", "info", "--output=json", target.url(0));
        assertThat(out).containsPattern("\"virtual-size\":\\s*" + LUN_BYTES);
    }

    @Test
    void qemuIoWritesAPatternAndReadsItBackAcrossSeveralDataPdus() {
        // 1 MiB at an odd offset: R2T and several Data-In PDUs per request, verified by QEMU itself.
        String w = run("qemu-io", "-f", "raw", "-c", "write -P 0xa5 4096 1M", target.url(0));
        assertThat(w).contains("wrote 1048576/1048576 bytes at offset 4096");
        String r = run("qemu-io", "-f", "raw", "-c", "read -P 0xa5 4096 1M", target.url(0));
        assertThat(r).contains("read 1048576/1048576 bytes at offset 4096").doesNotContain("Pattern verification failed");
        String z = run("qemu-io", "-f", "raw", "-c", "read -P 0x00 0 4096", target.url(0));
        assertThat(z).doesNotContain("Pattern verification failed");
    }

    @Test
    void qemuIoDetectsDataThatIsNotThere() {
        // The same check must be able to fail: reading the pattern where none was written.
        ExternalTools.Outcome o = ExternalTools.run(List.of(ExternalTools.require("qemu-io").toString(), "-f", "raw",
                "-c", "read -P 0x5a 32M 4096", target.url(0)), TIMEOUT);
        assertThat(o.text()).contains("Pattern verification failed");
    }
}
