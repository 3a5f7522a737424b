package dev.clusterlab.engine.target.copy;

import static dev.clusterlab.engine.target.TestLus.*;
import static dev.clusterlab.engine.target.copy.XcopyLists.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LibiscsiDevice;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** EXTENDED COPY against the LU options: the copy target answers as a READ or WRITE would. */
class CopyMediumOptionsTest {
    private static ScsiResponse xcopy(LogicalUnit lu, byte[] list) {
        return lu.execute(A1, ScsiRequest.dataOut(extendedCopyCdb(list.length), list));
    }

    @Test
    @DisplayName("A hardware write-protected destination refuses the copy like SWP does: COPY ABORTED 0Dh/02h")
    void hardwareWriteProtectedDestinationIsCopyAborted_0Dh_02h() {
        LogicalUnit lu = builder(new MemoryBlockStore(BLOCK_SIZE, BLOCKS)).writeProtected(true).build();
        assertCheck(xcopy(lu, simple(lu, 1, HOLD, 8, 0, 100)), SenseKey.COPY_ABORTED, 0x0D, 0x02);
        assertThat(lu.store().mapped(100)).isFalse();
    }

    @Test
    @DisplayName("An ejected removable medium is unreachable as a copy target: COPY ABORTED 0Dh/02h")
    void ejectedMediumIsCopyAborted_0Dh_02h() {
        LogicalUnit lu = builder(new MemoryBlockStore(BLOCK_SIZE, BLOCKS)).removable(true).build();
        assertGood(noData(lu, LibiscsiDevice.startStopUnitCdb(0, 0, 0, 0, 1, 0)));
        assertGood(noData(lu, LibiscsiDevice.startStopUnitCdb(0, 0, 0, 0, 0, 1))); // started, still no medium
        assertCheck(xcopy(lu, simple(lu, 1, HOLD, 8, 0, 100)), SenseKey.COPY_ABORTED, 0x0D, 0x02);
    }
}
