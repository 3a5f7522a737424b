package dev.clusterlab.app.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.app.devices.LabTarget.Run;
import dev.clusterlab.engine.testing.Tgtd;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clusterlab persist} and {@code devices} against a real tgtd: the identity devices prints
 * arms the LU, and the key registered shows in tgt's READ KEYS answer. tgt ties registrations to
 * the session (TSIH), not to the I_T nexus (known tgt deviation from SPC-4 §5.13.2, notes
 * iscsi-sgio.md §3.4): the next invocation, a new session of the same initiator port, is not
 * registered, so its RESERVE is a reservation conflict.
 */
class PersistTgtdTest {
    private static final String IQN = "iqn.2026-11.dev.clusterlab:persist-tgtd";
    @TempDir Path tmp;

    /** A private tgtd on 127.0.0.1:3645-3648 with one 8 MiB disk (LUN 1). */
    private static Tgtd startTgtd() throws Exception {
        Tgtd tgtd = Tgtd.start(3645, 3648);
        tgtd.target(1, IQN, 8L << 20);
        return tgtd;
    }

    @Test
    void devicesThenAnArmedRegisterShowsInTgtsReadKeysAndTgtForgetsTheNexusBetweenSessions() throws Exception {
        try (Tgtd tgtd = startTgtd()) {
            Run devices = LabTarget.clusterlab("devices", tgtd.url(IQN));
            assertThat(devices.exitCode()).as(devices.err()).isZero();
            String identity = devices.out().lines().filter(l -> l.startsWith("  Identity:")).findFirst().orElseThrow()
                    .replaceFirst("^  Identity: +", "").replaceFirst(" .*$", "");
            String log = "--audit-log=" + tmp.resolve("audit.log");

            Run refused = LabTarget.clusterlab("persist", log, "-n", "-o", "-G", "-S", "abc", tgtd.url(IQN));
            assertThat(refused.exitCode()).isEqualTo(SgExitStatus.DATA_PROTECT);

            Run register = LabTarget.clusterlab("persist", log, "--arm", identity, "-n", "-o", "-G", "-S", "abc", tgtd.url(IQN));
            assertThat(register.exitCode()).as(register.err()).isZero();

            Run keys = LabTarget.clusterlab("persist", "-k", "--initiator-name", LabTarget.NODE_B, tgtd.url(IQN));
            assertThat(keys.exitCode()).as(keys.err()).isZero();
            // tgt's INQUIRY: vendor "IET", product "VIRTUAL-DISK", revision "0001" (sg_persist.c 1277)
            assertThat(keys.out()).matches("(?s)  IET +VIRTUAL-DISK +0001\n  Peripheral device type: disk\n"
                    + "  PR generation=0x[0-9a-f]+, 1 registered reservation key follows:\n    0xabc\n");
            assertThat(LabTarget.clusterlab("persist", "-n", "-r", tgtd.url(IQN)).out())
                    .matches("  PR generation=0x[0-9a-f]+, there is NO reservation held\n");

            Run reserve = LabTarget.clusterlab("persist", log, "--arm", identity, "-n", "-o", "-R", "-K", "abc", "-T", "5", tgtd.url(IQN));
            assertThat(reserve.exitCode()).isEqualTo(SgExitStatus.RESERVATION_CONFLICT);
            assertThat(reserve.err()).isEqualTo("PR out (Reserve): Reservation conflict\nclusterlab persist failed: Reservation conflict\n");
        }
    }

    @Test
    void tgtsMissingReadFullStatusIsReportedAsSgPersistReportsAnUnsupportedServiceAction() throws Exception {
        try (Tgtd tgtd = startTgtd()) {
            // tgt implements no READ FULL STATUS (notes iscsi-sgio.md §3.4): ILLEGAL REQUEST, INVALID FIELD IN CDB
            Run r = LabTarget.clusterlab("persist", "-n", "-s", tgtd.url(IQN));
            assertThat(r.exitCode()).isEqualTo(SgExitStatus.ILLEGAL_REQUEST);
            // sg_persist.c prin_work() 307-309, main() 1326
            assertThat(r.err()).isEqualTo("PR in (Read full status): bad field in cdb or parameter list (perhaps unsupported service action)\n"
                    + "clusterlab persist failed: Illegal request\n");
        }
    }
}
