package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Task management functions (RFC 7143 §11.5, SAM-5 §7) and their responses (§11.6.1). */
class TaskManagementTest {

    @Test
    void logicalUnitResetCompletesAndOtherNexusesSeeBusDeviceResetFunctionOccurred_29h_03h() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession a = t.session("node-a"); IscsiSession b = t.session("node-b")) {
            Scsi.clearUnitAttentions(b);
            assertThat(a.logicalUnitReset()).isEqualTo(TaskManagementResult.FUNCTION_COMPLETE);
            List<ScsiResponse> uas = Scsi.clearUnitAttentions(b);
            assertThat(uas).extracting(r -> r.sense().additional()).contains(AdditionalSense.BUS_DEVICE_RESET_FUNCTION_OCCURRED);
        }
    }

    @Test
    void logicalUnitResetKeepsPersistentReservations() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession a = t.session("node-a")) {
            Scsi.register(a, 0x77L);
            assertThat(a.logicalUnitReset()).isEqualTo(TaskManagementResult.FUNCTION_COMPLETE);
            Scsi.clearUnitAttentions(a);
            assertThat(Scsi.readKeys(a)).containsExactly(0x77L); // SPC-4 §5.13.1: PRs survive LU reset
        }
    }

    @Test
    void targetWarmResetCompletesAndIsReportedAsAResetUnitAttention_29h() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession a = t.session("node-a"); IscsiSession b = t.session("node-b")) {
            Scsi.clearUnitAttentions(b);
            assertThat(a.targetWarmReset()).isEqualTo(TaskManagementResult.FUNCTION_COMPLETE);
            assertThat(Scsi.clearUnitAttentions(b)).isNotEmpty().allSatisfy(r -> assertThat(r.sense().asc()).isEqualTo(0x29));
        }
    }

    @Test
    void abortTaskOfACommandThatAlreadyCompletedIsAnsweredNotRejected() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession a = t.session("node-a")) {
            IscsiSession.PendingCommand done = a.submit(ScsiRequest.noData(Cdbs.testUnitReady()));
            done.response().get();
            // §11.6.1: an unknown task is "does not exist", or "complete" when its CmdSN is inside the window.
            assertThat(a.abortTask(done)).isIn(TaskManagementResult.FUNCTION_COMPLETE, TaskManagementResult.TASK_DOES_NOT_EXIST);
            assertThat(a.execute(ScsiRequest.noData(Cdbs.testUnitReady())).isGood()).isTrue();
        }
    }
}
