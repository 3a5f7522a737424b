package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A persistent reservation sequence from two nodes, each its own I_T nexus through the initiator
 * (SPC-4 §5.13): type 5 is Write Exclusive – Registrants Only (SPC-4 Table 216).
 */
class PersistentReservationTest {
    private static final int BS = OwnTarget.BLOCK_SIZE;
    private static final long KEY_A = 0xA0A0L, KEY_B = 0xB0B0L;

    @Test
    void unregisteredNodeGetsReservationConflictOnWriteUnderAnotherNodesType5Reservation() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession a = t.session("node-a"); IscsiSession b = t.session("node-b")) {
            assertThat(Scsi.register(a, KEY_A).isGood()).isTrue();
            assertThat(Scsi.reserve(a, KEY_A, Scsi.WE_REGISTRANTS_ONLY).isGood()).isTrue();
            assertThat(Scsi.write(b, 0, Scsi.pattern(BS, 1), BS).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
            assertThat(Scsi.write(a, 0, Scsi.pattern(BS, 2), BS).status()).isEqualTo(ScsiStatus.GOOD);
        }
    }

    @Test
    void registeredNodeMayWriteUnderType5() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession a = t.session("node-a"); IscsiSession b = t.session("node-b")) {
            Scsi.register(a, KEY_A);
            Scsi.reserve(a, KEY_A, Scsi.WE_REGISTRANTS_ONLY);
            assertThat(Scsi.register(b, KEY_B).isGood()).isTrue();
            assertThat(Scsi.write(b, 0, Scsi.pattern(BS, 1), BS).status()).isEqualTo(ScsiStatus.GOOD);
            assertThat(Scsi.readKeys(b)).containsExactlyInAnyOrder(KEY_A, KEY_B);
        }
    }

    @Test
    void preemptedNodeSeesRegistrationsPreempted_2Ah_05h_thenReservationConflict() throws Exception {
        try (OwnTarget t = OwnTarget.start(); IscsiSession a = t.session("node-a"); IscsiSession b = t.session("node-b")) {
            Scsi.register(a, KEY_A);
            Scsi.reserve(a, KEY_A, Scsi.WE_REGISTRANTS_ONLY);
            Scsi.register(b, KEY_B);
            assertThat(Scsi.preempt(b, KEY_B, KEY_A, Scsi.WE_REGISTRANTS_ONLY).isGood()).isTrue();
            List<ScsiResponse> uas = Scsi.clearUnitAttentions(a);
            assertThat(uas).hasSize(1);
            assertThat(uas.get(0).sense().key()).isEqualTo(SenseKey.UNIT_ATTENTION);
            assertThat(uas.get(0).sense().additional()).isEqualTo(AdditionalSense.REGISTRATIONS_PREEMPTED);
            assertThat(Scsi.write(a, 0, Scsi.pattern(BS, 1), BS).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
            assertThat(Scsi.readKeys(a)).containsExactly(KEY_B);
        }
    }
}
