package dev.clusterlab.app.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.app.devices.LabTarget.Run;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PR OUT through {@code clusterlab persist}: the safety guard (nothing state-changing reaches an
 * unarmed device), the audit log, and sg_persist's failure texts and exit statuses
 * (src/sg_persist.c prout_work() 510-535, main() 1324-1327; sg3_utils SG_LIB_CAT_* values).
 */
class PersistOutGuardTest {
    @TempDir Path tmp;
    private LabTarget target;
    private Path audit;

    @BeforeEach
    void start() throws Exception {
        target = LabTarget.start();
        audit = tmp.resolve("audit.log");
    }

    @AfterEach
    void stop() { target.close(); }

    private Run persist(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "persist";
        all[1] = "--audit-log=" + audit;
        all[2] = "-n";
        System.arraycopy(args, 0, all, 3, args.length);
        all[all.length - 1] = target.url();
        return LabTarget.clusterlab(all);
    }

    private Run armed(String initiator, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--initiator-name";
        all[1] = initiator;
        all[2] = "--arm";
        all[3] = target.identity();
        System.arraycopy(args, 0, all, 4, args.length);
        return persist(all);
    }

    private void ok(Run r) { assertThat(r.exitCode()).as(r.err()).isZero(); }

    private List<Long> keys() { return target.reservations().registrants().stream().map(ReservationSnapshot.Registrant::key).toList(); }

    @Test
    void registerWithoutArmIsRefusedNamesTheArmOptionAndNothingReachesTheTarget() {
        long generation = target.reservations().generation();
        Run r = persist("--out", "--register", "--param-sark=a1");
        assertThat(r.exitCode()).isEqualTo(SgExitStatus.DATA_PROTECT);
        assertThat(r.err()).contains("PR out (Register): refused by ClusterLab's safety guard, nothing was sent")
                .contains("--arm " + target.identity());
        assertThat(target.reservations().registrants()).isEmpty();
        assertThat(target.reservations().generation()).isEqualTo(generation);
    }

    @Test
    void registerArmedWithTheIdentityDevicesPrintsSucceedsSilentlyLikeSgPersist() {
        Run devices = LabTarget.clusterlab("devices", target.url());
        String identity = devices.out().lines().filter(l -> l.startsWith("  Identity:")).findFirst().orElseThrow()
                .replaceFirst("^  Identity: +", "").replaceFirst(" .*$", "");
        Run r = persist("--arm", identity, "-o", "-G", "-S", "a1");
        ok(r);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty(); // sg_persist.c 533-534: success is only reported with -v
        assertThat(keys()).containsExactly(0xA1L);
    }

    @Test
    void armingIsCaseAndPrefixTolerantAsUsersTypeIt() {
        String typed = target.identity().toUpperCase().replace("NAA.", "naa.0x");
        ok(persist("--arm", typed, "-o", "-G", "-S", "a1"));
        assertThat(keys()).containsExactly(0xA1L);
    }

    @Test
    void aWrongArmIdentityIsRefusedAndSaysWhichIdentityTheDeviceHas() {
        Run r = persist("--arm", "naa.60014050000000000000000000000000", "-o", "-G", "-S", "a1");
        assertThat(r.exitCode()).isEqualTo(SgExitStatus.DATA_PROTECT);
        assertThat(r.err()).contains("does not name this device, whose identity is " + target.identity());
        assertThat(target.reservations().registrants()).isEmpty();
    }

    @Test
    void verboseSuccessPrintsSgPersistsConfirmation() {
        Run r = armed(LabTarget.NODE_A, "-v", "-o", "-G", "-S", "a1");
        ok(r);
        assertThat(r.err()).contains("    Persistent reservation out cdb: 5f 00 00 00 00 00 00 00 18 00\n")
                .endsWith("PR out: command (Register) successful\n");
    }

    @Test
    void anArmedStateChangingCommandIsAuditedBeforeAndAfterItIsSent() throws Exception {
        ok(armed(LabTarget.NODE_A, "-o", "-G", "-S", "a1"));
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"phase\":\"sending\"", "\"command\":\"PERSISTENT RESERVE OUT REGISTER\"",
                "\"identity\":\"" + target.identity() + "\"", "\"initiator\":\"" + LabTarget.NODE_A + ",i,0x400000000001\"",
                "\"parameters\":\"0000000000000000" + "00000000000000a1" + "0000000000000000\"");
        assertThat(lines.get(1)).contains("\"phase\":\"completed\"", "\"outcome\":\"GOOD\"");
    }

    @Test
    void aRefusedCommandIsAuditedAsRefused() throws Exception {
        persist("-o", "-G", "-S", "a1");
        assertThat(Files.readAllLines(audit)).singleElement().asString().contains("\"phase\":\"refused\"", "--arm " + target.identity());
    }

    @Test
    void reserveByAnUnregisteredInitiatorIsAReservationConflictExit24() {
        ok(armed(LabTarget.NODE_A, "-o", "-G", "-S", "a1"));
        ok(armed(LabTarget.NODE_A, "-o", "-R", "-K", "a1", "-T", "1"));
        Run r = armed(LabTarget.NODE_B, "-o", "-R", "-K", "b2", "-T", "1");
        assertThat(r.exitCode()).isEqualTo(24); // SG_LIB_CAT_RES_CONFLICT
        assertThat(r.err()).isEqualTo("PR out (Reserve): Reservation conflict\nclusterlab persist failed: Reservation conflict\n");
    }

    @Test
    void releaseWithTheWrongTypeIsAnIllegalRequestExit5() {
        ok(armed(LabTarget.NODE_A, "-o", "-G", "-S", "a1"));
        ok(armed(LabTarget.NODE_A, "-o", "-R", "-K", "a1", "-T", "1"));
        // SPC-4 §5.13.11.2.2: a holder releasing with another TYPE gets 26h/04h INVALID RELEASE OF PERSISTENT RESERVATION
        Run r = armed(LabTarget.NODE_A, "-o", "-L", "-K", "a1", "-T", "3");
        assertThat(r.exitCode()).isEqualTo(5); // SG_LIB_CAT_ILLEGAL_REQ
        assertThat(r.err()).isEqualTo("PR out (Release): bad field in cdb (perhaps unsupported service action)\n"
                + "clusterlab persist failed: Illegal request\n");
    }

    @Test
    void reserveWithoutTypeWarnsAsSgPersistDoes() {
        ok(armed(LabTarget.NODE_A, "-o", "-G", "-S", "a1"));
        Run r = armed(LabTarget.NODE_A, "-o", "-R", "-K", "a1");
        assertThat(r.err()).startsWith("warning>>> --prout-type probably needs to be given\n");
    }

    @Test
    void aPreemptedInitiatorSeesTheUnitAttentionOnItsNextCommandExit6() {
        ok(armed(LabTarget.NODE_A, "-o", "-G", "-S", "a1"));
        ok(armed(LabTarget.NODE_B, "-o", "-G", "-S", "b2"));
        ok(armed(LabTarget.NODE_B, "-o", "-P", "-K", "b2", "-S", "a1", "-T", "1"));
        Run r = persist("--initiator-name", LabTarget.NODE_A, "-k");
        assertThat(r.exitCode()).isEqualTo(6); // SG_LIB_CAT_UNIT_ATTENTION
        // SPC-4 §5.13.11.2.4: the preempted registrant gets 2Ah/05h; sg_cmds_basic.c prints the sense (noisy), then prin_work()'s line
        assertThat(r.err()).isEqualTo("""
                Persistent reservation in:
                Fixed format, current; Sense key: Unit Attention
                Additional sense: Registrations preempted
                PR in (Read keys): Unit attention
                clusterlab persist failed: Unit attention
                """);
        assertThat(keys()).containsExactly(0xB2L);
    }

    @Test
    void registerAndMoveHandsTheReservationToTheTransportIdGiven() {
        ok(armed(LabTarget.NODE_A, "-o", "-G", "-S", "a1"));
        ok(armed(LabTarget.NODE_A, "-o", "-R", "-K", "a1", "-T", "1"));
        ok(armed(LabTarget.NODE_A, "-o", "-M", "-K", "a1", "-S", "b2", "-Q", "1", "-T", "1",
                "-X", LabTarget.NODE_B + ",i,0x400000000001"));
        assertThat(target.reservations().registrants()).filteredOn(ReservationSnapshot.Registrant::holder)
                .singleElement().satisfies(h -> assertThat(h.key()).isEqualTo(0xB2L));
    }
}
