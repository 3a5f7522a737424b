package dev.clusterlab.app.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.app.devices.LabTarget.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden output of the read-side service actions, compared with the exact texts sg_persist prints
 * (sg3_utils src/sg_persist.c 0.73 at commit fb3d289c, prin_work(); TransportIDs from lib/sg_lib.c
 * sg_decode_transportid_str()). Line numbers are cited per test.
 */
class PersistReadSideTest {
    /** sg_persist.c 1277-1282: "  %.8s  %.16s  %.4s" then "  Peripheral device type: %s"; our LU's INQUIRY strings. */
    private static final String HEADER = "  CLUSTLAB  SIMULATED DISK    0100\n  Peripheral device type: disk\n";

    @TempDir Path tmp;
    private LabTarget target;

    @BeforeEach
    void start() throws Exception { target = LabTarget.start(); }

    @AfterEach
    void stop() { target.close(); }

    private Run persist(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "persist";
        all[1] = "--audit-log=" + tmp.resolve("audit.log");
        System.arraycopy(args, 0, all, 2, args.length);
        all[all.length - 1] = target.url();
        return LabTarget.clusterlab(all);
    }

    /** Registers {@code key} as {@code initiator} (armed), failing the test if it does not succeed. */
    private void register(String initiator, String key) {
        Run r = persist("--initiator-name", initiator, "--arm", target.identity(), "--out", "--register", "--param-sark=" + key);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private void reserve(String initiator, String key, String type) {
        Run r = persist("--initiator-name", initiator, "--arm", target.identity(), "-o", "-R", "-K", key, "-T", type);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void readKeysOnAFreshLuSaysThereAreNoKeys() {
        // sg_persist.c 378 + 390
        Run r = persist("--read-keys");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(HEADER + "  PR generation=0x0, there are NO registered reservation keys\n");
    }

    @Test
    void readKeysListsEveryKeyInHexOnePerLine() {
        register(LabTarget.NODE_A, "0xa1");
        register(LabTarget.NODE_B, "b2");
        // sg_persist.c 378, 384, 387-388 ("    0x%" PRIx64)
        Run r = persist("-k");
        assertThat(r.out()).isEqualTo(HEADER + "  PR generation=0x2, 2 registered reservation keys follow:\n    0xa1\n    0xb2\n");
    }

    @Test
    void oneKeyUsesTheSingularSentence() {
        register(LabTarget.NODE_A, "123abc");
        // sg_persist.c 382
        assertThat(persist("-n", "-k").out()).isEqualTo("  PR generation=0x1, 1 registered reservation key follows:\n    0x123abc\n");
    }

    @Test
    void noServiceActionMeansReadKeysAndSaysSoOnStderr() {
        Run r = LabTarget.clusterlab("persist", "-n", target.url());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("  PR generation=0x0, there are NO registered reservation keys\n");
        // sg_persist.c main(): the assumption is announced
        assertThat(r.err()).isEqualTo(">> No service action given; assume Persistent Reserve In command\n>> with Read Keys service action\n");
    }

    @Test
    void readReservationWithoutHolderSaysNoReservation() {
        // sg_persist.c 392 + 406
        assertThat(persist("-n", "--read-reservation").out()).isEqualTo("  PR generation=0x0, there is NO reservation held\n");
    }

    @Test
    void theOtherInitiatorSeesTheReservationWithRead_Reservation() {
        register(LabTarget.NODE_A, "a1");
        register(LabTarget.NODE_B, "b2");
        reserve(LabTarget.NODE_A, "a1", "5");
        // sg_persist.c 392-404: key, then "    scope: LU_SCOPE, " + " type: %s"
        Run r = persist("--initiator-name", LabTarget.NODE_B, "-r");
        assertThat(r.out()).isEqualTo(HEADER + "  PR generation=0x2, Reservation follows:\n    Key=0xa1\n"
                + "    scope: LU_SCOPE,  type: Write Exclusive, registrants only\n");
    }

    @Test
    void theOtherInitiatorSeesHolderAndTransportIdsWithRead_Full_Status() {
        register(LabTarget.NODE_A, "a1");
        register(LabTarget.NODE_B, "b2");
        reserve(LabTarget.NODE_A, "a1", "1");
        // sg_persist.c 409-437; sg_lib.c 738 "Transport Id of initiator:", 790-796 "  iSCSI world wide unique port id: %.*s"
        Run r = persist("--initiator-name", LabTarget.NODE_B, "-n", "-s");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                  PR generation=0x2
                    Key=0xa1
                      All target ports bit clear
                      Relative port address: 0x1
                      << Reservation holder >>
                      scope: LU_SCOPE,  type: Write Exclusive
                      Transport Id of initiator:
                        iSCSI world wide unique port id: iqn.2026-11.dev.clusterlab:node-a,i,0x400000000001
                    Key=0xb2
                      All target ports bit clear
                      Relative port address: 0x1
                      not reservation holder
                      Transport Id of initiator:
                        iSCSI world wide unique port id: iqn.2026-11.dev.clusterlab:node-b,i,0x400000000001
                """);
    }

    @Test
    void readFullStatusWithNoRegistrationsSaysNoDescriptors() {
        // sg_persist.c 409-411
        assertThat(persist("-n", "--read-full-status").out()).isEqualTo("  PR generation=0x0\n  No full status descriptors\n");
    }

    @Test
    void reportCapabilitiesPrintsEveryFlagAndTheTypeMask() {
        // sg_persist.c 327-358
        Run r = persist("-n", "-c");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Report capabilities response:\n  Replace Lost Reservation Capable(RLR_C): ")
                .containsPattern("\n  Compatible Reservation Handling\\(CRH\\): [01]\n  Specify Initiator Ports Capable\\(SIP_C\\): [01]\n"
                        + "  All Target Ports Capable\\(ATP_C\\): [01]\n  Persist Through Power Loss Capable\\(PTPL_C\\): [01]\n"
                        + "  Type Mask Valid\\(TMV\\): 1\n  Allow Commands: [0-7]\n  Persist Through Power Loss Active\\(PTPL_A\\): [01]\n"
                        + "    Support indicated in Type mask:\n      Write Exclusive, all registrants: 1\n"
                        + "      Exclusive Access, registrants only: 1\n      Write Exclusive, registrants only: 1\n"
                        + "      Exclusive Access: 1\n      Write Exclusive: 1\n      Exclusive Access, all registrants: 1\n$");
    }

    @Test
    void hexOnceShowsGenerationLengthAndTheKeysAsAHexDump() {
        register(LabTarget.NODE_A, "a1");
        // sg_persist.c 365-377 and sg_lib.c dStrHexFp() with no_ascii=1: " 00     " then bytes
        assertThat(persist("-n", "-k", "-H").out()).isEqualTo(
                "  PR generation=0x1, Additional length=8\n 00     00 00 00 00 00 00 00 a1\n");
    }

    @Test
    void hexTwiceDumpsTheWholeResponse() {
        register(LabTarget.NODE_A, "a1");
        assertThat(persist("-n", "-k", "-HH").out()).isEqualTo(" 00     00 00 00 01 00 00 00 08  00 00 00 00 00 00 00 a1\n");
    }

    @Test
    void readSideCommandsWriteNothingToTheAuditLog() {
        persist("-k");
        persist("-s");
        assertThat(tmp.resolve("audit.log")).doesNotExist();
    }
}
