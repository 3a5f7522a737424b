package dev.clusterlab.app.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.app.devices.LabTarget.Run;
import org.junit.jupiter.api.Test;

/**
 * Option checks of {@code clusterlab persist}, with sg_persist's texts and exit statuses
 * (src/sg_persist.c main(): SG_LIB_SYNTAX_ERROR 1 for bad arguments, SG_LIB_CONTRADICT 31 for
 * contradicting options), and clear failures for devices that cannot be opened. No target needed.
 */
class PersistOptionsTest {
    private static final String URL = "iscsi://127.0.0.1:3649/iqn.2026-11.dev.clusterlab:nobody/0";

    private static Run persist(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "persist";
        System.arraycopy(args, 0, all, 1, args.length);
        return LabTarget.clusterlab(all);
    }

    @Test
    void noDeviceIsASyntaxErrorWithUsage() {
        Run r = persist("-k");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("No device name given\n").contains("Usage:");
    }

    @Test
    void anUnknownOptionIsASyntaxErrorWithSuggestions() {
        Run r = persist("--read-everything", URL);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("Unknown option: '--read-everything'").contains("--read-keys");
    }

    @Test
    void aBadHexKeyIsASyntaxError() {
        Run r = persist("-o", "-G", "--param-sark=xyz", URL);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("bad argument to '--param-sark'\n");
    }

    @Test
    void inAndOutTogetherContradict() {
        Run r = persist("-i", "-o", "-G", URL);
        assertThat(r.exitCode()).isEqualTo(31);
        assertThat(r.err()).startsWith("choose '--in' _or_ '--out' (not both)\n");
    }

    @Test
    void outNeedsExactlyOneServiceAction() {
        Run r = persist("-o", "-G", "-R", URL);
        assertThat(r.exitCode()).isEqualTo(31);
        assertThat(r.err()).isEqualTo(">> For Persistent Reserve Out one and only one appropriate\n"
                + ">> service action must be chosen (e.g. '--register')\n");
    }

    @Test
    void aPrOutServiceActionWithoutOutIsRefusedAsASafeguard() {
        Run r = persist("--register", URL);
        assertThat(r.exitCode()).isEqualTo(31);
        assertThat(r.err()).isEqualTo(">> When a service action for Persistent Reserve Out is chosen the\n"
                + ">> '--out' option must be given (as a safeguard)\n");
    }

    @Test
    void twoPrInServiceActionsContradict() {
        Run r = persist("-k", "-r", URL);
        assertThat(r.exitCode()).isEqualTo(31);
        assertThat(r.err()).startsWith("Too many service actions given; choose one only\n");
    }

    @Test
    void unregWithoutRegisterMoveContradicts() {
        Run r = persist("-o", "-G", "-U", URL);
        assertThat(r.exitCode()).isEqualTo(31);
        assertThat(r.err()).startsWith("--unreg or --relative-target-port only useful with --register-move\n");
    }

    @Test
    void registerMoveNeedsATransportId() {
        Run r = persist("-o", "-M", URL);
        assertThat(r.exitCode()).isEqualTo(31);
        assertThat(r.err()).startsWith("with --register-move one (and only one) --transport-id should be given\n");
    }

    @Test
    void maxlenAbove8192IsASyntaxError() {
        Run r = persist("-m", "9000", URL);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("'--maxlen' argument exceeds maximum value (8192)\n");
    }

    @Test
    void aMalformedTransportIdIsASyntaxError() {
        Run r = persist("-o", "-G", "-X", "5,0,zz", URL);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("build_transportid: error at pos 5\nbad argument to '--transport-id'\n");
    }

    @Test
    void versionGoesToStderrLikeSgPersist() {
        Run r = persist("-V");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).startsWith("version: 0.73");
    }

    @Test
    void anUnreachablePortalIsAClearOpenErrorWithoutAStackTrace() {
        Run r = persist("-k", URL);
        assertThat(r.exitCode()).isEqualTo(SgExitStatus.FILE_ERROR);
        assertThat(r.err()).startsWith("clusterlab persist: error opening file (ro): " + URL + ": ")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void aMalformedUrlSaysWhatIsWrong() {
        Run r = persist("-k", "iscsi://127.0.0.1:3649/no-lun");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("clusterlab persist: iSCSI URL lacks /target-iqn/lun");
    }

    @Test
    void aMissingSgDeviceIsAnOpenErrorWithSgPersistsErrnoStatus() {
        Run r = persist("-k", "/dev/sg-clusterlab-none");
        // sg_persist.c main(): "error opening file (ro): %s: %s", exit sg_convert_errno(ENOENT) = 50 + 2
        assertThat(r.exitCode()).isEqualTo(52);
        assertThat(r.err()).startsWith("clusterlab persist: error opening file (ro): /dev/sg-clusterlab-none: no such device (ENOENT)")
                .doesNotContain("Exception");
    }

    @Test
    void anInvalidInitiatorNameIsAClearErrorWithoutAStackTrace() {
        Run r = persist("-k", "--initiator-name", "", URL);
        assertThat(r.exitCode()).isEqualTo(SgExitStatus.FILE_ERROR);
        assertThat(r.err()).contains("initiator name is required").doesNotContain("Exception");
    }

    @Test
    void theDeviceMayBeGivenWithDashDAndThenAPositionalIsAnExtraArgument() {
        Run r = persist("-k", "-d", URL, "iscsi://127.0.0.1:3649/other/0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("Unexpected extra argument: iscsi://127.0.0.1:3649/other/0\n");
    }
}
