package dev.clusterlab.engine.target.sbc;

import static dev.clusterlab.engine.target.TestLus.*;
import static dev.clusterlab.engine.target.sbc.SbcCdbs.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuOptions;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hardware write protection (LuOptions.writeProtected): WP=1 in the mode parameter header (SBC-3
 * §6.4.1) and DATA PROTECT 27h/00h for every command that changes the medium; everything else works.
 */
class WriteProtectionTest {
    private final LogicalUnit lu = builder(new MemoryBlockStore(BLOCK_SIZE, BLOCKS)).writeProtected(true).build();

    private static ScsiResponse run(LogicalUnit lu, ItNexus n, byte[] cdb, byte[] data) {
        return lu.execute(n, data == null ? ScsiRequest.noData(cdb) : ScsiRequest.dataOut(cdb, data));
    }

    private static void assertWriteProtected(ScsiResponse r) { assertCheck(r, SenseKey.DATA_PROTECT, 0x27, 0x00); }

    static Stream<Arguments> mediumWrites() {
        byte[] one = filled(1, 0x5A), two = filled(2, 0x5A);
        return Stream.of(
                Arguments.of("WRITE(6)", Cdbs.write6(0, 1), one),
                Arguments.of("WRITE(10)", Cdbs.write10(0, 1), one),
                Arguments.of("WRITE(12)", Cdbs.write12(0, 1), one),
                Arguments.of("WRITE(16)", Cdbs.write16(0, 1), one),
                Arguments.of("WRITE SAME(10)", Cdbs.writeSame10(0, 1, false), one),
                Arguments.of("WRITE SAME(16) UNMAP=1", Cdbs.writeSame16(0, 1, true), one),
                Arguments.of("UNMAP", Cdbs.unmap(24), Cdbs.unmapParameters(0, 1)),
                Arguments.of("COMPARE AND WRITE", Cdbs.compareAndWrite(0, 1), two),
                Arguments.of("ORWRITE(16)", orWrite16(0, 1), one),
                Arguments.of("WRITE AND VERIFY(10)", writeAndVerify10(0, 1, true), one),
                Arguments.of("WRITE AND VERIFY(12)", writeAndVerify12(0, 1, false), one),
                Arguments.of("WRITE AND VERIFY(16)", writeAndVerify16(0, 1, true), one),
                Arguments.of("WRITE ATOMIC(16)", writeAtomic16(0, 1), one),
                Arguments.of("SANITIZE OVERWRITE", sanitize(Sanitize.OVERWRITE, 4 + BLOCK_SIZE), overwriteParameters(1, one)),
                Arguments.of("SANITIZE BLOCK ERASE", sanitize(Sanitize.BLOCK_ERASE, 0), null),
                Arguments.of("SANITIZE CRYPTO ERASE", sanitize(Sanitize.CRYPTO_ERASE, 0), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mediumWrites")
    @DisplayName("Every command that changes the medium gets DATA PROTECT 27h/00h and changes nothing")
    void mediumWriteIsWriteProtected_27h_00h(String name, byte[] cdb, byte[] data) {
        assertWriteProtected(run(lu, A1, cdb, data));
        assertThat(lu.store().mapped(0)).isFalse();
    }

    @Test
    @DisplayName("SBC-3 §6.4.1: MODE SENSE(6) and (10) report WP=1 (DPOFUA stays 1)")
    void modeSenseReportsWp() {
        assertThat(dataIn(lu, Cdbs.modeSense6(false, 0, 0x3F, 0, 255), 255).dataIn()[2] & 0xFF).isEqualTo(0x90);
        assertThat(dataIn(lu, Cdbs.modeSense10(false, 0, 0x3F, 0, 255), 255).dataIn()[3] & 0xFF).isEqualTo(0x90);
    }

    @Test
    @DisplayName("Reads, verifies, READ CAPACITY, GET LBA STATUS and SYNCHRONIZE CACHE work on a write-protected medium")
    void readClassCommandsWork() {
        assertGood(dataIn(lu, Cdbs.read10(0, 1), BLOCK_SIZE));
        assertGood(dataOut(lu, Cdbs.verify16(0, 1, true), new byte[BLOCK_SIZE]));
        assertGood(dataIn(lu, Cdbs.readCapacity16(32), 32));
        assertGood(dataIn(lu, getLbaStatus(0, 24), 24));
        assertGood(noData(lu, Cdbs.synchronizeCache10(0, 0)));
    }

    @Test
    @DisplayName("MODE SELECT and PERSISTENT RESERVE OUT change no medium and are not refused")
    void modeSelectAndPersistentReserveOutWork() {
        setSoftwareWriteProtect(lu);
        byte[] p = Cdbs.prOutParameters(0, 0xA1, false, false);
        assertGood(dataOut(lu, Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, p.length), p));
    }

    @Test
    @DisplayName("SWP cannot lift hardware protection: WP stays 1 with SWP=0 (SPC-4 §7.5.8 is only the software half)")
    void softwareWriteProtectCannotLiftHardwareProtection() {
        assertThat(lu.state().mode().softwareWriteProtect()).isFalse();
        assertThat(lu.state().writeProtected()).isTrue();
        assertWriteProtected(dataOut(lu, Cdbs.write10(0, 1), filled(1, 1)));
    }

    @Test
    @DisplayName("On a writable LU, SWP=1 alone write-protects (27h/00h, WP=1), as before")
    void softwareWriteProtectAloneStillProtects() {
        LogicalUnit writable = TestLus.small();
        assertThat(writable.options()).isEqualTo(LuOptions.FIXED_WRITABLE);
        assertGood(dataOut(writable, Cdbs.write10(0, 1), filled(1, 1)));
        setSoftwareWriteProtect(writable);
        assertWriteProtected(dataOut(writable, Cdbs.write10(0, 1), filled(1, 1)));
        assertThat(dataIn(writable, Cdbs.modeSense6(false, 0, 0x3F, 0, 255), 255).dataIn()[2] & 0x80).isEqualTo(0x80);
    }

    @Test
    @DisplayName("SAM-5 §5.3.2: RESERVATION CONFLICT precedes DATA PROTECT for an excluded nexus")
    void reservationConflictPrecedesDataProtect() {
        assertGood(noData(lu, Cdbs.reserve6()));
        assertThat(run(lu, B1, Cdbs.write10(0, 1), filled(1, 1)).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
        assertWriteProtected(dataOut(lu, Cdbs.write10(0, 1), filled(1, 1)));
    }

    @Test
    @DisplayName("Removable and write protected: an ejected medium is 3Ah/00h before any write protection check")
    void mediumNotPresentPrecedesWriteProtected() {
        LogicalUnit both = builder(new MemoryBlockStore(BLOCK_SIZE, BLOCKS)).removable(true).writeProtected(true).build();
        assertThat(both.options()).isEqualTo(new LuOptions(true, true));
        assertGood(noData(both, dev.clusterlab.engine.target.LibiscsiDevice.startStopUnitCdb(0, 0, 0, 0, 1, 0)));
        assertCheck(dataOut(both, Cdbs.write10(0, 1), filled(1, 1)), SenseKey.NOT_READY, 0x3A, 0x00);
    }
}
