package dev.clusterlab.engine.target;

import static dev.clusterlab.engine.target.TestLus.assertCheck;
import static dev.clusterlab.engine.target.TestLus.assertGood;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;

/**
 * One libiscsi {@code struct scsi_device} (test-tool/iscsi-support.c, 1.19): a logical unit seen
 * through one I_T nexus, with the helpers and EXPECT_* checks that libiscsi's tests use, so a JUnit
 * test can mirror a libiscsi test step by step. Where libiscsi accepts several ASC/ASCQ pairs the
 * check here pins the one this engine reports.
 */
public final class LibiscsiDevice {
    /** Bound on the "retry until GOOD" loops, which in libiscsi are unbounded. */
    private static final int MAX_RETRIES = 64;

    private final LogicalUnit lu;
    private final ItNexus nexus;

    public LibiscsiDevice(LogicalUnit lu, ItNexus nexus) {
        this.lu = lu;
        this.nexus = nexus;
    }

    public ItNexus nexus() { return nexus; }

    public ScsiResponse noData(byte[] cdb) { return lu.execute(nexus, ScsiRequest.noData(cdb)); }

    public ScsiResponse dataIn(byte[] cdb, int capacity) { return lu.execute(nexus, ScsiRequest.dataIn(cdb, capacity)); }

    public ScsiResponse dataOut(byte[] cdb, byte[] data) { return lu.execute(nexus, ScsiRequest.dataOut(cdb, data)); }

    /** scsi_cdb_startstopunit(immed, pcm, pc, no_flush, loej, start). */
    public static byte[] startStopUnitCdb(int immed, int pcm, int pc, int noFlush, int loej, int start) {
        byte[] c = new byte[6];
        c[0] = (byte) Opcode.START_STOP_UNIT;
        if (immed != 0) c[1] |= 0x01;
        c[3] |= (byte) (pcm & 0x0F);
        c[4] |= (byte) ((pc << 4) & 0xF0);
        if (noFlush != 0) c[4] |= 0x04;
        if (loej != 0) c[4] |= 0x02;
        if (start != 0) c[4] |= 0x01;
        return c;
    }

    public ScsiResponse startStopUnit(int immed, int pcm, int pc, int noFlush, int loej, int start) {
        return noData(startStopUnitCdb(immed, pcm, pc, noFlush, loej, start));
    }

    public ScsiResponse testUnitReady() { return noData(Cdbs.testUnitReady()); }

    /** PREVENTALLOW(sd, prevent): libiscsi's helper fails the test unless the status is GOOD. */
    public void preventAllow(int prevent) { assertGood(noData(Cdbs.preventAllowMediumRemoval(prevent))); }

    /**
     * What iscsi_full_connect_sync does after login (lib/connect.c): TEST UNIT READY until it
     * reports no UNIT ATTENTION; NOT READY for a missing medium counts as connected.
     */
    public LibiscsiDevice login() {
        for (int i = 0; i < MAX_RETRIES; i++) {
            ScsiResponse r = testUnitReady();
            if (r.status() != ScsiStatus.CHECK_CONDITION || r.sense().key() != SenseKey.UNIT_ATTENTION) {
                if (r.status() == ScsiStatus.CHECK_CONDITION)
                    assertThat(r.sense().asc()).as("login TUR: only a missing medium is tolerated").isEqualTo(0x3A);
                return this;
            }
        }
        throw new AssertionError("unit attentions never cleared");
    }

    /** {@code while (testunitready(sd, EXPECT_STATUS_GOOD) != 0);} */
    public void waitUntilReady() {
        for (int i = 0; i < MAX_RETRIES; i++) if (testUnitReady().status() == ScsiStatus.GOOD) return;
        throw new AssertionError("TEST UNIT READY never became GOOD");
    }

    public static void expectGood(ScsiResponse r) { assertGood(r); }

    /** EXPECT_NO_MEDIUM: NOT READY, 3Ah/00h MEDIUM NOT PRESENT. */
    public static void expectNoMedium(ScsiResponse r) { assertCheck(r, SenseKey.NOT_READY, 0x3A, 0x00); }

    /** EXPECT_REMOVAL_PREVENTED: ILLEGAL REQUEST, 53h/02h MEDIUM REMOVAL PREVENTED. */
    public static void expectRemovalPrevented(ScsiResponse r) { assertCheck(r, SenseKey.ILLEGAL_REQUEST, 0x53, 0x02); }

    /** EXPECT_WRITE_PROTECTED: DATA PROTECT, 27h/00h WRITE PROTECTED. */
    public static void expectWriteProtected(ScsiResponse r) { assertCheck(r, SenseKey.DATA_PROTECT, 0x27, 0x00); }
}
