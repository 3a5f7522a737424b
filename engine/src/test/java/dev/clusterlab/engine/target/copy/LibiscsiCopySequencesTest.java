package dev.clusterlab.engine.target.copy;

import static dev.clusterlab.engine.target.TestLus.*;
import static dev.clusterlab.engine.target.copy.XcopyLists.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.io.ByteArrayOutputStream;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * libiscsi's ALL.ExtendedCopy and ALL.ReceiveCopyResults families (sahlberg/libiscsi test-tool,
 * test_extendedcopy_*.c and test_receive_copy_results_*.c, 1.19.0 and master), replayed in-process
 * step by step, with the same acceptance sets: any ASC/ASCQ of the test's EXPECT_* list passes.
 * The target descriptor is built as populate_ident_tgt_desc does, from the LU's own VPD page 83h.
 */
class LibiscsiCopySequencesTest {
    /** A LU larger than 2 x 2048 blocks, as the tests copy 2048 blocks to the end of the LUN. */
    private static final long NUM_BLOCKS = 8192;
    private final LogicalUnit lu = TestLus.builder(new MemoryBlockStore(BLOCK_SIZE, NUM_BLOCKS)).build();

    private static final Set<Integer> PARAM_LIST_LEN_ERR = Set.of(0x1A00);
    private static final Set<Integer> TOO_MANY_DESCR = Set.of(0x2606, 0x2608);
    private static final Set<Integer> UNSUPP_DESCR_CODE = Set.of(0x2607, 0x2609);
    private static final Set<Integer> COPY_ABORTED = Set.of(0x0000, 0x0804, 0x0D02);
    private static final Set<Integer> INVALID_CDB = Set.of(0x2400, 0x2600);

    private static void expect(ScsiResponse r, SenseKey key, Set<Integer> ascqs) {
        assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
        assertThat(r.sense().key()).isEqualTo(key);
        assertThat(ascqs).as("ASC/ASCQ of %s", r.sense()).contains((r.sense().asc() << 8) | r.sense().ascq());
    }

    private ScsiResponse extendedCopy(byte[] data, int size) {
        byte[] d = java.util.Arrays.copyOf(data, size);
        return lu.execute(A1, size == 0 ? ScsiRequest.noData(extendedCopyCdb(0)) : ScsiRequest.dataOut(extendedCopyCdb(size), d));
    }

    private ScsiResponse receiveCopyResults(int sa, int listId) {
        return lu.execute(A1, ScsiRequest.dataIn(receiveCopyResultsCdb(sa, listId, 1024), 1024));
    }

    private byte[] inquiryVpd(int page, int allocation) {
        ScsiResponse r = lu.execute(A1, ScsiRequest.dataIn(Cdbs.inquiry(true, page, allocation), allocation));
        assertGood(r);
        return r.dataIn();
    }

    /**
     * populate_tgt_desc(desc_type, luid_type, nul, peripheral_type 0, rel_init_port_id 0, pad 0):
     * for E4h, the designator with the highest type among 0h-3h from VPD 83h.
     */
    private byte[] tgtDesc(int type, int luidType, int nul) {
        byte[] desc = new byte[32];
        desc[0] = (byte) type;
        desc[1] = (byte) ((luidType << 6) | (nul << 5));
        if (type == 0xE4) {
            byte[] vpd = inquiryVpd(0x83, 255);
            int chosen = -1, prevType = 0;
            for (int off = 4; off + 4 <= vpd.length; off += 4 + (vpd[off + 3] & 0xFF)) {
                int t = vpd[off + 1] & 0x0F;
                if (t <= 3 && prevType <= t) { chosen = off; prevType = t; }
            }
            assertThat(chosen).as("a usable designator in VPD 83h").isNotNegative();
            desc[4] = (byte) (vpd[chosen] & 0x0F);
            desc[5] = (byte) ((vpd[chosen + 1] & 0x0F) | (((vpd[chosen + 1] >> 4) & 3) << 4));
            desc[7] = vpd[chosen + 3];
            System.arraycopy(vpd, chosen + 4, desc, 8, vpd[chosen + 3] & 0xFF);
        }
        desc[29] = (byte) (BLOCK_SIZE >> 16);
        desc[30] = (byte) (BLOCK_SIZE >> 8);
        desc[31] = (byte) BLOCK_SIZE;
        return desc;
    }

    private static byte[] paramList(int listId, int usage, byte[] targets, byte[] segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(listId, usage, targets.length, segments.length, 0));
        out.writeBytes(targets);
        out.writeBytes(segments);
        return out.toByteArray();
    }

    private static byte[] times(byte[] d, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) out.writeBytes(d);
        return out.toByteArray();
    }

    @Test
    @DisplayName("ExtendedCopy.Simple")
    void simple() {
        int copied = 2048;
        long dst = NUM_BLOCKS - copied;
        assertGood(lu.execute(A1, ScsiRequest.dataOut(Cdbs.write16(dst, copied), new byte[copied * BLOCK_SIZE])));
        byte[] a = filled(copied, 'A');
        assertGood(lu.execute(A1, ScsiRequest.dataOut(Cdbs.write16(0, copied), a)));
        byte[] list = paramList(1, NO_HOLD, tgtDesc(0xE4, 0, 0), blockToBlock(0, 0, copied, 0, dst));
        assertGood(extendedCopy(list, list.length));
        ScsiResponse r = lu.execute(A1, ScsiRequest.dataIn(Cdbs.read16(dst, copied), copied * BLOCK_SIZE));
        assertGood(r);
        assertThat(r.dataIn()).isEqualTo(a);
    }

    @Test
    @DisplayName("ExtendedCopy.ParamHdr")
    void paramHdr() {
        byte[] list = paramList(1, HOLD, tgtDesc(0xE4, 0, 0), blockToBlock(0, 0, 2048, 0, NUM_BLOCKS - 2048));
        expect(extendedCopy(list, 16 + 32 - 1), SenseKey.ILLEGAL_REQUEST, PARAM_LIST_LEN_ERR);
        expect(extendedCopy(list, 16 + 32 + 28 - 1), SenseKey.ILLEGAL_REQUEST, PARAM_LIST_LEN_ERR);
        assertGood(extendedCopy(list, 0));
    }

    @Test
    @DisplayName("ExtendedCopy.DescrLimits")
    void descrLimits() {
        ScsiResponse op = receiveCopyResults(CopyManager.OPERATING_PARAMETERS, 0);
        assertGood(op);
        byte[] p = op.dataIn();
        int maxTargets = Bytes.u16(p, 8), maxSegments = Bytes.u16(p, 10);
        long maxListLength = Bytes.u32(p, 12);
        byte[] tgt = tgtDesc(0xE4, 0, 0);
        byte[] seg = blockToBlock(0, 0, 2048, 0, NUM_BLOCKS - 2048);

        byte[] l1 = paramList(1, HOLD, times(tgt, maxTargets + 1), seg);
        expect(extendedCopy(l1, l1.length), SenseKey.ILLEGAL_REQUEST, TOO_MANY_DESCR);

        byte[] l2 = paramList(2, HOLD, tgt, times(seg, maxSegments + 1));
        expect(extendedCopy(l2, l2.length), SenseKey.ILLEGAL_REQUEST, TOO_MANY_DESCR);

        long allocLen = Math.max(16 + (maxTargets + 1) * 32L + (maxSegments + 1) * 28L, 16 + maxListLength + 28);
        int tgtLen = (maxTargets + 1) * 32;
        int segCount = (int) ((allocLen - 16 - tgtLen) / 28);
        byte[] l3 = paramList(3, HOLD, times(tgt, maxTargets + 1), times(seg, segCount));
        expect(extendedCopy(l3, l3.length), SenseKey.ILLEGAL_REQUEST, PARAM_LIST_LEN_ERR);
    }

    @Test
    @DisplayName("ExtendedCopy.DescrType")
    void descrType() {
        byte[] l1 = paramList(1, HOLD, tgtDesc(0xE0, 0, 0), blockToBlock(0, 0, 2048, 0, NUM_BLOCKS - 2048));
        expect(extendedCopy(l1, l1.length), SenseKey.ILLEGAL_REQUEST, UNSUPP_DESCR_CODE);
        byte[] l2 = paramList(1, HOLD, tgtDesc(0xE4, 0, 0), segmentHeaderOnly(0x03, 0x14));
        expect(extendedCopy(l2, l2.length), SenseKey.ILLEGAL_REQUEST, UNSUPP_DESCR_CODE);
    }

    @Test
    @DisplayName("ExtendedCopy.ValidTgtDescr: an SPC-4 target (INQUIRY VERSION >= 6) ignores LU ID TYPE")
    void validTgtDescr() {
        ScsiResponse inq = lu.execute(A1, ScsiRequest.dataIn(Cdbs.inquiry(260), 260));
        assertThat(inq.dataIn()[2] & 0xFF).as("VERSION").isGreaterThanOrEqualTo(6);
        byte[] list = paramList(1, HOLD, tgtDesc(0xE4, 2, 0), blockToBlock(0, 0, 2048, 0, NUM_BLOCKS - 2048));
        assertGood(extendedCopy(list, list.length));
    }

    @Test
    @DisplayName("ExtendedCopy.ValidSegDescr")
    void validSegDescr() {
        byte[] l1 = paramList(1, HOLD, tgtDesc(0xE4, 0, 0), blockToBlock(0, 1, 2048, 0, NUM_BLOCKS - 2048));
        expect(extendedCopy(l1, l1.length), SenseKey.COPY_ABORTED, COPY_ABORTED);
        byte[] l2 = paramList(1, HOLD, tgtDesc(0xE4, 0, 0), blockToBlock(0, 0, 2048, 0, NUM_BLOCKS - 1));
        expect(extendedCopy(l2, l2.length), SenseKey.COPY_ABORTED, COPY_ABORTED);
    }

    @Test
    @DisplayName("ReceiveCopyResults.CopyStatus (master: checks VPD 00h, 8Fh and its Supported Commands first)")
    void copyStatus() {
        byte[] pages = inquiryVpd(0x00, 255);
        assertThat(java.util.Arrays.copyOfRange(pages, 4, 4 + Bytes.u16(pages, 2))).contains((byte) 0x8F);
        byte[] tpc = inquiryVpd(0x8F, 1024);
        boolean copyStatusListed = false;
        for (int off = 4, remaining = Bytes.u16(tpc, 2); remaining > 0; ) {
            int type = Bytes.u16(tpc, off), len = Bytes.u16(tpc, off + 2);
            if (type == 0x0001)
                for (int left = tpc[off + 4] & 0xFF, q = off + 5; left > 0; ) {
                    int n = tpc[q + 1] & 0xFF;
                    for (int i = 0; i < n; i++) copyStatusListed |= (tpc[q] & 0xFF) == 0x84 && tpc[q + 2 + i] == 0x00;
                    left -= n + 2;
                    q += n + 2;
                }
            remaining -= len + 4;
            off += len + 4;
        }
        assertThat(copyStatusListed).as("84h/00h in the Supported Commands descriptor").isTrue();

        expect(receiveCopyResults(CopyManager.COPY_STATUS, 1), SenseKey.ILLEGAL_REQUEST, INVALID_CDB);
        byte[] list = paramList(1, HOLD, tgtDesc(0xE4, 0, 0), blockToBlock(0, 0, 2048, 0, NUM_BLOCKS - 2048));
        assertGood(extendedCopy(list, list.length));
        ScsiResponse r = receiveCopyResults(CopyManager.COPY_STATUS, 1);
        assertGood(r);
        assertThat(Bytes.u32(r.dataIn(), 0)).as("len >= 8 for libiscsi's unmarshall").isGreaterThanOrEqualTo(8);
    }

    @Test
    @DisplayName("ReceiveCopyResults.OpParams: GOOD, and long enough for libiscsi's unmarshall (AVAILABLE DATA >= 40)")
    void opParams() {
        ScsiResponse r = receiveCopyResults(CopyManager.OPERATING_PARAMETERS, 0);
        assertGood(r);
        assertThat(Bytes.u32(r.dataIn(), 0)).isGreaterThanOrEqualTo(40);
        assertThat(r.dataIn()).hasSize(4 + (int) Bytes.u32(r.dataIn(), 0));
    }
}
