package dev.clusterlab.app.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.app.devices.LabTarget.Run;
import org.junit.jupiter.api.Test;

/** {@code clusterlab devices [URL]}: the LU at a URL, discovery, local devices, failures. */
class DevicesCommandTest {

    @Test
    void aLunUrlPrintsInquiryCapacitySerialIdentityDesignatorsAndTheInitiatorPort() throws Exception {
        try (LabTarget target = LabTarget.start()) {
            Run r = LabTarget.clusterlab("devices", target.url());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).startsWith(target.url() + "\n")
                    .contains("  Vendor:        CLUSTLAB\n", "  Product:       SIMULATED DISK\n", "  Revision:      0100\n",
                            "  Device type:   disk (peripheral device type 0)\n", "  Capacity:      2048 blocks of 512 bytes (1.00 MiB)\n",
                            "  Serial number: " + target.lun().identity().serial() + "\n",
                            "  Identity:      " + target.identity() + "   (state-changing commands need --arm " + target.identity() + ")\n",
                            "  Designators (VPD page 83h):\n", "    " + target.identity() + "   [logical unit, NAA]\n",
                            "  Initiator port: " + DeviceAccess.DEFAULT_INITIATOR + ",i,0x400000000001\n");
        }
    }

    @Test
    void theInitiatorNameAndIsidChooseThePortUsed() throws Exception {
        try (LabTarget target = LabTarget.start()) {
            Run r = LabTarget.clusterlab("devices", "--initiator-name", LabTarget.NODE_A, "--isid", "0x400000000002", target.url());
            assertThat(r.out()).contains("  Initiator port: " + LabTarget.NODE_A + ",i,0x400000000002\n");
        }
    }

    @Test
    void aPortalUrlWithoutTargetListsTheTargetsItOffers() throws Exception {
        try (LabTarget target = LabTarget.start()) {
            Run r = LabTarget.clusterlab("devices", "iscsi://127.0.0.1:" + target.port);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("Targets at iscsi://127.0.0.1:" + target.port, "  " + LabTarget.IQN + "\n",
                    "    portal 127.0.0.1:" + target.port + ", portal group 1\n");
        }
    }

    @Test
    void withoutUrlAndWithoutLocalDevicesItSaysWhereItLookedAndSucceeds() {
        Run r = LabTarget.clusterlab("devices");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("no local SCSI devices found (looked in /sys/class/scsi_generic)\n");
    }

    @Test
    void anUnreachableUrlIsAClearErrorWithoutAStackTrace() {
        Run r = LabTarget.clusterlab("devices", "iscsi://127.0.0.1:3649/iqn.2026-11.dev.clusterlab:nobody/0");
        assertThat(r.exitCode()).isEqualTo(SgExitStatus.FILE_ERROR);
        assertThat(r.err()).startsWith("clusterlab devices: cannot open iscsi://127.0.0.1:3649/").doesNotContain("Exception");
    }

    @Test
    void nothingStateChangingIsSentSoTheLuIsUnchanged() throws Exception {
        try (LabTarget target = LabTarget.start()) {
            long generation = target.reservations().generation();
            LabTarget.clusterlab("devices", target.url());
            assertThat(target.reservations().generation()).isEqualTo(generation);
            assertThat(target.reservations().registrants()).isEmpty();
        }
    }
}
