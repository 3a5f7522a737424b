package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.LibiscsiDevice.expectGood;
import static dev.clusterlab.engine.target.LibiscsiDevice.expectNoMedium;
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
 * libiscsi 1.19 ALL.NoMedia.NoMediaSBC (test-tool/test_nomedia_sbc.c) with --dataloss, step by
 * step: with the medium ejected every medium command, READ CAPACITY included, is NOT READY
 * 3Ah/00h MEDIUM NOT PRESENT (SPC-4 §6.47 Table: preferred responses for a missing medium).
 */
class LibiscsiNoMediaTest {
    private final LogicalUnit lu = TestLus.builder(new MemoryBlockStore(BLOCK_SIZE, BLOCKS)).removable(true).build();
    private final LibiscsiDevice sd = new LibiscsiDevice(lu, A1).login();
    private final byte[] scratch = TestLus.filled(2, 0xA6);
    private final byte[] oneBlock = TestLus.filled(1, 0xA6);

    @Test
    @DisplayName("NoMedia.NoMediaSBC: every medium command of the test is 3Ah/00h while ejected; load restores access")
    void noMediaSbc() {
        expectGood(sd.startStopUnit(1, 0, 0, 0, 1, 0));
        expectNoMedium(sd.testUnitReady());

        // libiscsi's synchronizecache10/16 send NUMBER OF LOGICAL BLOCKS = the whole capacity, SYNC_NV=1, IMMED=1.
        byte[] sync10 = Cdbs.synchronizeCache10(0, (int) BLOCKS);
        sync10[1] |= 0x06;
        expectNoMedium(sd.noData(sync10));
        byte[] sync16 = Cdbs.synchronizeCache16(0, (int) BLOCKS);
        sync16[1] |= 0x06;
        expectNoMedium(sd.noData(sync16));
        expectNoMedium(sd.dataIn(Cdbs.read10(0, 1), BLOCK_SIZE));
        expectNoMedium(sd.dataIn(Cdbs.read12(0, 1), BLOCK_SIZE));
        expectNoMedium(sd.dataIn(Cdbs.read16(0, 1), BLOCK_SIZE));
        expectNoMedium(sd.dataIn(Cdbs.readCapacity10(), 8));
        expectNoMedium(sd.dataIn(Cdbs.readCapacity16(15), 15));
        expectNoMedium(sd.dataOut(Cdbs.verify10(0, 1, true), oneBlock));
        expectNoMedium(sd.dataOut(verify12(0, 1, true), oneBlock));
        expectNoMedium(sd.dataOut(Cdbs.verify16(0, 1, true), oneBlock));
        expectNoMedium(sd.dataIn(getLbaStatus(0, 24), 24));
        expectNoMedium(sd.noData(preFetch10(0, 1, true, 0)));
        expectNoMedium(sd.noData(preFetch16(0, 1, true, 0)));

        expectNoMedium(sd.dataOut(Cdbs.compareAndWrite(0, 1), scratch));
        expectNoMedium(sd.dataOut(orWrite16(0, 1), oneBlock));
        expectNoMedium(sd.dataOut(Cdbs.unmap(24), Cdbs.unmapParameters(0, 1)));
        expectNoMedium(sd.dataOut(Cdbs.write10(0, 1), oneBlock));
        expectNoMedium(sd.dataOut(Cdbs.write12(0, 1), oneBlock));
        expectNoMedium(sd.dataOut(Cdbs.write16(0, 1), oneBlock));
        expectNoMedium(sd.dataOut(Cdbs.writeSame10(0, 1, false), oneBlock));
        expectNoMedium(sd.dataOut(Cdbs.writeSame16(0, 1, false), oneBlock));
        expectNoMedium(sd.dataOut(writeAndVerify10(0, 1, true), oneBlock));
        expectNoMedium(sd.dataOut(writeAndVerify12(0, 1, true), oneBlock));
        expectNoMedium(sd.dataOut(writeAndVerify16(0, 1, true), oneBlock));
        assertThat(lu.store().mapped(0)).as("nothing was written").isFalse();

        expectGood(sd.startStopUnit(1, 0, 0, 0, 1, 1));
        expectGood(sd.testUnitReady());
        expectGood(sd.dataIn(Cdbs.readCapacity10(), 8));
    }

    private static byte[] verify12(long lba, int blocks, boolean bytchk) {
        byte[] c = Cdbs.read12(lba, blocks);
        c[0] = (byte) dev.clusterlab.engine.scsi.Opcode.VERIFY_12;
        if (bytchk) c[1] |= 0x02;
        return c;
    }
}
