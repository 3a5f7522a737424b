package dev.clusterlab.engine.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.target.store.BlockStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.util.List;

/**
 * A small simulated disk for tests: 2048 blocks of 512 bytes, reached through two target ports
 * (in two port groups) by two initiator ports, hence four I_T nexuses. Plus the assertions most
 * command tests need.
 */
public final class TestLus {
    private TestLus() {}

    public static final int BLOCK_SIZE = 512;
    public static final long BLOCKS = 2048;

    public static final TargetPort PORT_1 = new TargetPort(1, "iqn.2026-11.dev.clusterlab:disk1,t,0x0001", 1);
    public static final TargetPort PORT_2 = new TargetPort(2, "iqn.2026-11.dev.clusterlab:disk1,t,0x0002", 2);
    public static final InitiatorPort NODE_A = InitiatorPort.iscsi("iqn.2026-11.dev.clusterlab:node-a", 0x23d000000001L);
    public static final InitiatorPort NODE_B = InitiatorPort.iscsi("iqn.2026-11.dev.clusterlab:node-b", 0x23d000000002L);
    public static final ItNexus A1 = new ItNexus(NODE_A, PORT_1);
    public static final ItNexus A2 = new ItNexus(NODE_A, PORT_2);
    public static final ItNexus B1 = new ItNexus(NODE_B, PORT_1);
    public static final ItNexus B2 = new ItNexus(NODE_B, PORT_2);

    /** The default test LU ("disk1", LUN 0, in-memory store). */
    public static LogicalUnit small() { return builder(new MemoryBlockStore(BLOCK_SIZE, BLOCKS)).build(); }

    /** A test LU over {@code store}; callers may change anything before build(). */
    public static LogicalUnit.Builder builder(BlockStore store) {
        return LogicalUnit.builder("disk1")
                .identity(LuIdentity.forName("disk1", 1))
                .store(store)
                .targetPorts(List.of(PORT_1, PORT_2));
    }

    public static ScsiResponse noData(LogicalUnit lu, byte[] cdb) { return lu.execute(A1, ScsiRequest.noData(cdb)); }

    public static ScsiResponse dataIn(LogicalUnit lu, byte[] cdb, int capacity) {
        return lu.execute(A1, ScsiRequest.dataIn(cdb, capacity));
    }

    public static ScsiResponse dataOut(LogicalUnit lu, byte[] cdb, byte[] data) {
        return lu.execute(A1, ScsiRequest.dataOut(cdb, data));
    }

    public static void assertGood(ScsiResponse r) {
        assertThat(r.status()).as("status (sense %s)", r.sense()).isEqualTo(ScsiStatus.GOOD);
    }

    /** CHECK CONDITION with exactly this key and ASC/ASCQ; returns the sense for further checks. */
    public static SenseData assertCheck(ScsiResponse r, SenseKey key, int asc, int ascq) {
        assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
        SenseData s = r.sense();
        assertThat(s.key()).as("sense key of %s", s).isEqualTo(key);
        assertThat(s.asc()).as("ASC of %s", s).isEqualTo(asc);
        assertThat(s.ascq()).as("ASCQ of %s", s).isEqualTo(ascq);
        return s;
    }

    /** ILLEGAL REQUEST with this ASC/ASCQ and a field pointer at {@code byteOffset} ({@code bit} -1 = whole byte). */
    public static void assertIllegal(ScsiResponse r, int asc, int ascq, boolean inCdb, int byteOffset, int bit) {
        SenseData s = assertCheck(r, SenseKey.ILLEGAL_REQUEST, asc, ascq);
        assertThat(s.hasSenseKeySpecific()).as("SKSV").isTrue();
        int sks = s.senseKeySpecific();
        assertThat((sks & 0x400000) != 0).as("C/D").isEqualTo(inCdb);
        assertThat(sks & 0xFFFF).as("field pointer").isEqualTo(byteOffset);
        if (bit < 0) assertThat(sks & 0x080000).as("BPV").isZero();
        else {
            assertThat(sks & 0x080000).as("BPV").isNotZero();
            assertThat((sks >>> 16) & 7).as("bit pointer").isEqualTo(bit);
        }
    }

    /** 24h/00h INVALID FIELD IN CDB pointing at {@code byteOffset}/{@code bit}. */
    public static void assertInvalidCdbField(ScsiResponse r, int byteOffset, int bit) {
        assertIllegal(r, 0x24, 0x00, true, byteOffset, bit);
    }

    /** 26h/00h INVALID FIELD IN PARAMETER LIST pointing at {@code byteOffset}/{@code bit}. */
    public static void assertInvalidParameter(ScsiResponse r, int byteOffset, int bit) {
        assertIllegal(r, 0x26, 0x00, false, byteOffset, bit);
    }

    /**
     * Turns on the Control mode page's SWP bit with MODE SELECT(6), the way libiscsi's set_swp()
     * does: the current page read back, SWP set, the page sent with PF=1.
     */
    public static void setSoftwareWriteProtect(LogicalUnit lu) {
        byte[] ms = dataIn(lu, dev.clusterlab.engine.scsi.Cdbs.modeSense6(true, 0, 0x0A, 0, 255), 255).dataIn();
        byte[] list = new byte[4 + 12];
        System.arraycopy(ms, 4, list, 4, 12);
        list[4 + 4] |= 0x08; // SWP
        assertGood(dataOut(lu, dev.clusterlab.engine.scsi.Cdbs.modeSelect6(true, false, list.length), list));
    }

    /** A block-sized pattern: every byte {@code value}. */
    public static byte[] filled(int blocks, int value) {
        byte[] b = new byte[blocks * BLOCK_SIZE];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
