package dev.clusterlab.tests.iscsi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.target.LuIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Smoke tests with libiscsi's everyday tools against our target (issue 3, "Interop smoke tests"). */
class LibiscsiInteropTest {
    static final String TARGET = "iqn.2026-11.dev.clusterlab:interop";
    static final long LUN_BYTES = 64L << 20;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static InProcessTarget target;

    @BeforeAll
    static void startTarget() throws Exception {
        target = InProcessTarget.start(TARGET, 1, LUN_BYTES);
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) target.close();
    }

    private static ExternalTools.Outcome run(String tool, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ExternalTools.require(tool).toString(), "-i", InProcessTarget.INITIATOR_1));
        cmd.addAll(List.of(args));
        ExternalTools.Outcome o = ExternalTools.run(cmd, TIMEOUT);
        assertThat(o.timedOut()).as("%s", o.describe()).isFalse();
        assertThat(o.exitCode()).as("%s:%n%s%ntarget events: %s", o.describe(), o.text(), target.troubleEvents()).isZero();
        return o;
    }

    @Test
    void iscsiLsDiscoveryListsOurTargetAtItsPortalWithLun0() {
        // SendTargets (RFC 7143 §13.4 / Appendix C), then a normal session to list the LUNs.
        String out = run("iscsi-ls", "-s", "iscsi://" + target.portalText(0)).text();
        assertThat(out).contains("Target:" + TARGET + " Portal:" + target.portalText(0) + ",1");
        assertThat(out).containsPattern("Lun:0\\s+Type:DIRECT_ACCESS");
    }

    @Test
    void iscsiInqReportsTheSimulatedDisksVendorAndProduct() {
        LuIdentity id = target.lun0().identity();
        String out = run("iscsi-inq", target.url(0)).text();
        assertThat(out).contains("Peripheral Device Type:DIRECT_ACCESS");
        assertThat(out).containsPattern("Vendor:" + id.vendor() + "\\s*\n");
        assertThat(out).containsPattern("Product:" + id.product() + "\\s*\n");
    }

    @Test
    void deviceIdentificationVpdCarriesTheLusNaaDesignator() {
        // SPC-4 §7.8.6: VPD page 83h; the NAA designator (type 3h) is associated with the LU (0h).
        byte[] naa = target.lun0().identity().naa();
        String out = run("iscsi-inq", "-e", "1", "-c", "131", target.url(0)).latin1();
        assertThat(out).contains("Page Code:(0x83) DEVICE_IDENTIFICATION");
        List<String> naaDesignators = new ArrayList<>();
        for (String block : out.split("DEVICE DESIGNATOR #")) {
            if (!block.contains("Designator Type:(3) NAA") || !block.contains("Association:(0) LOGICAL_UNIT")) continue;
            int open = block.indexOf("Designator:[");
            int close = block.lastIndexOf(']');
            if (open >= 0 && close > open) naaDesignators.add(block.substring(open + "Designator:[".length(), close));
        }
        // iscsi-inq prints a binary designator as a C string: the bytes up to the first zero byte.
        String expected = new String(naa, 0, cStringLength(naa), StandardCharsets.ISO_8859_1);
        assertThat(naaDesignators).as("NAA designators in:%n%s", out).contains(expected);
    }

    @Test
    void unitSerialNumberVpdMatchesTheLu() {
        String serial = target.lun0().identity().serial();
        String out = run("iscsi-inq", "-e", "1", "-c", "128", target.url(0)).text();
        assertThat(out).containsPattern("Unit Serial Number:\\[\\s*" + serial + "\\s*\\]");
    }

    @Test
    void readCapacity16ReportsTheLunsBlockCountAndSize() {
        // SBC-3 §5.16: RETURNED LOGICAL BLOCK ADDRESS is the last LBA.
        long blocks = LUN_BYTES / InProcessTarget.BLOCK_SIZE;
        String out = run("iscsi-readcapacity16", target.url(0)).text();
        assertThat(out).contains("RETURNED LOGICAL BLOCK ADDRESS:" + (blocks - 1));
        assertThat(out).contains("LOGICAL BLOCK LENGTH IN BYTES:" + InProcessTarget.BLOCK_SIZE);
        assertThat(out).contains("Total size:" + LUN_BYTES);
    }

    private static int cStringLength(byte[] b) {
        for (int i = 0; i < b.length; i++) if (b[i] == 0) return i;
        return b.length;
    }
}
