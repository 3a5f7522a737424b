package dev.clusterlab.engine.target.pr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;

/** Assertions on responses, with messages that say what was expected. */
final class Expect {
    private Expect() {}

    static void good(ScsiResponse r) {
        assertThat(r.status()).as("status (sense %s)", r.sense()).isEqualTo(ScsiStatus.GOOD);
    }

    static void conflict(ScsiResponse r) {
        assertThat(r.status()).as("status (sense %s)", r.sense()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
        assertThat(r.sense()).isNull();
    }

    static void check(ScsiResponse r, SenseKey key, AdditionalSense asc) {
        assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
        assertThat(r.sense().key()).isEqualTo(key);
        assertThat(r.sense().additional()).isEqualTo(asc);
    }

    static void illegal(ScsiResponse r, AdditionalSense asc) { check(r, SenseKey.ILLEGAL_REQUEST, asc); }

    /** ILLEGAL REQUEST with a field pointer: C/D (CDB or parameter list), byte, and bit (-1 for none). */
    static void illegalAt(ScsiResponse r, AdditionalSense asc, boolean inCdb, int byteOffset, int bit) {
        illegal(r, asc);
        int sks = r.sense().senseKeySpecific();
        assertThat(sks).as("SKSV").isGreaterThanOrEqualTo(0);
        assertThat((sks & 0x400000) != 0).as("C/D").isEqualTo(inCdb);
        assertThat(sks & 0xFFFF).as("field pointer").isEqualTo(byteOffset);
        if (bit < 0) assertThat(sks & 0x080000).as("BPV").isZero();
        else assertThat((sks >> 16) & 0x0F).as("BPV and bit pointer").isEqualTo(0x08 | bit);
    }

    static void unitAttention(ScsiResponse r, AdditionalSense asc) { check(r, SenseKey.UNIT_ATTENTION, asc); }
}
