package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.LibiscsiDevice.expectWriteProtected;
import static dev.clusterlab.engine.target.TestLus.A1;
import static dev.clusterlab.engine.target.TestLus.BLOCKS;
import static dev.clusterlab.engine.target.TestLus.BLOCK_SIZE;
import static dev.clusterlab.engine.target.sbc.SbcCdbs.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.target.LibiscsiDevice;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * libiscsi 1.19 ALL.ReadOnly.ReadOnlySBC (test-tool/test_readonly_sbc.c) with --dataloss against a
 * hardware write-protected LU, step by step. iscsi-test-cu decides "readonly" from the WP bit of
 * MODE SENSE(6) for all pages (CHECK_FOR_READONLY), so that is checked first.
 */
class LibiscsiReadOnlyTest {
    private final LogicalUnit lu = TestLus.builder(new MemoryBlockStore(BLOCK_SIZE, BLOCKS)).writeProtected(true).build();
    private final LibiscsiDevice sd = new LibiscsiDevice(lu, A1).login();
    private final byte[] scratch = TestLus.filled(2, 0xA6);
    private final byte[] oneBlock = TestLus.filled(1, 0xA6);

    @Test
    @DisplayName("ReadOnly.ReadOnlySBC: WP=1; every write command of the test is DATA PROTECT 27h/00h and writes nothing")
    void readOnlySbc() {
        byte[] ms = sd.dataIn(Cdbs.modeSense6(false, 0, 0x3F, 0, 255), 255).dataIn();
        assertThat(ms[2] & 0x80).as("WP in the mode parameter header").isEqualTo(0x80);

        expectWriteProtected(sd.dataOut(Cdbs.compareAndWrite(0, 1), scratch));
        expectWriteProtected(sd.dataOut(orWrite16(0, 1), oneBlock));
        expectWriteProtected(sd.dataOut(Cdbs.unmap(24), Cdbs.unmapParameters(0, 1))); // lbppb = 1 physical block
        expectWriteProtected(sd.dataOut(Cdbs.unmap(24), Cdbs.unmapParameters(0, 1))); // one logical block
        expectWriteProtected(sd.dataOut(Cdbs.write10(0, 1), oneBlock));
        expectWriteProtected(sd.dataOut(Cdbs.write12(0, 1), oneBlock));
        expectWriteProtected(sd.dataOut(Cdbs.write16(0, 1), oneBlock));
        expectWriteProtected(sd.dataOut(Cdbs.writeSame10(0, 1, false), oneBlock));
        expectWriteProtected(sd.noData(Cdbs.writeSame10(0, 1, true)));   // UNMAP=1, no data-out at all
        expectWriteProtected(sd.dataOut(Cdbs.writeSame16(0, 1, false), oneBlock));
        expectWriteProtected(sd.noData(Cdbs.writeSame16(0, 1, true)));
        expectWriteProtected(sd.dataOut(writeAndVerify10(0, 1, true), oneBlock));
        expectWriteProtected(sd.dataOut(writeAndVerify12(0, 1, true), oneBlock));
        expectWriteProtected(sd.dataOut(writeAndVerify16(0, 1, true), oneBlock));
        assertThat(lu.store().mapped(0)).as("nothing was written").isFalse();
    }
}
