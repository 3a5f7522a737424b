package dev.clusterlab.engine.scsi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPC-4 Annex D, Table D.1. */
class AscNamesTest {

    @Test
    void everyPairTheEngineProducesHasAnAnnexDName() throws IllegalAccessException {
        for (Field f : AdditionalSense.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != AdditionalSense.class) continue;
            AdditionalSense a = (AdditionalSense) f.get(null);
            assertThat(AscNames.lookup(a.asc(), a.ascq())).as(f.getName()).isNotNull();
        }
    }

    @Test
    @DisplayName("pr-conformance §0.1: the reservation-related codes carry their standard names")
    void reservationCodesAreNamedAsInTheConformanceTable() {
        assertThat(AscNames.describe(0x24, 0x00)).isEqualTo("Invalid field in CDB");
        assertThat(AscNames.describe(0x26, 0x00)).isEqualTo("Invalid field in parameter list");
        assertThat(AscNames.describe(0x1A, 0x00)).isEqualTo("Parameter list length error");
        assertThat(AscNames.describe(0x26, 0x04)).isEqualTo("Invalid release of persistent reservation");
        assertThat(AscNames.describe(0x55, 0x04)).isEqualTo("Insufficient registration resources");
        assertThat(AscNames.describe(0x20, 0x00)).isEqualTo("Invalid command operation code");
        assertThat(AscNames.describe(0x29, 0x00)).isEqualTo("Power on, reset, or bus device reset occurred");
        assertThat(AscNames.describe(0x29, 0x07)).isEqualTo("I_T nexus loss occurred");
        assertThat(AscNames.describe(0x2A, 0x03)).isEqualTo("Reservations preempted");
        assertThat(AscNames.describe(0x2A, 0x04)).isEqualTo("Reservations released");
        assertThat(AscNames.describe(0x2A, 0x05)).isEqualTo("Registrations preempted");
        assertThat(AscNames.describe(0x2F, 0x00)).isEqualTo("Commands cleared by another initiator");
        assertThat(AscNames.describe(0x44, 0x01)).isEqualTo("Persistent reservation information lost");
    }

    @Test
    void tableCoversTheCommonFamiliesWithAtLeast150Pairs() {
        assertThat(AscNames.size()).isGreaterThanOrEqualTo(150);
        for (int ascq = 0; ascq <= 0x07; ascq++) assertThat(AscNames.lookup(0x29, ascq)).as("29h/%02Xh", ascq).isNotNull();
        for (int[] pair : new int[][] {{0x04, 0x0A}, {0x04, 0x1B}, {0x11, 0x00}, {0x11, 0x04}, {0x21, 0x00}, {0x26, 0x02},
                {0x27, 0x00}, {0x27, 0x07}, {0x2A, 0x09}, {0x2F, 0x01}, {0x3F, 0x0E}, {0x44, 0x00}, {0x55, 0x03}, {0x5D, 0x00}})
            assertThat(AscNames.lookup(pair[0], pair[1])).as("%02Xh/%02Xh", pair[0], pair[1]).isNotNull();
    }

    @Test
    @DisplayName("T10 asc-num list (as carried by sg3_utils lib/sg_lib_data.c): 764 listed pairs")
    void tableListsEveryStandardPair() {
        assertThat(AscNames.size()).isEqualTo(764);
    }

    @Test
    @DisplayName("T10 asc-num list: codes added after SPC-4 are named")
    void codesAddedAfterSpc4AreNamed() {
        assertThat(AscNames.describe(0x04, 0x23)).isEqualTo("Logical unit not ready, affiliation required");
        assertThat(AscNames.describe(0x0B, 0x0A)).isEqualTo("Warning - high critical temperature limit exceeded");
        assertThat(AscNames.describe(0x2C, 0x13)).isEqualTo("Well known logical unit access required");
        assertThat(AscNames.describe(0x38, 0x09)).isEqualTo("Depopulation restoration interrupted");
        assertThat(AscNames.describe(0x55, 0x11)).isEqualTo("Insufficient resources to bind");
        assertThat(AscNames.describe(0x5D, 0x2C)).isEqualTo("Controller impending failure drive calibration retry count");
        assertThat(AscNames.describe(0x67, 0x0E)).isEqualTo("Feature not enabled");
        assertThat(AscNames.describe(0x74, 0x6F)).isEqualTo("External data encryption control error");
    }

    @Test
    @DisplayName("Annex D: the standard table spans ASC 00h-74h; each pair is listed once")
    void resourceListsEachPairOnceWithinTheStandardRange() {
        Set<Integer> seen = new HashSet<>();
        AscTable.load((asc, ascq, name) -> {
            assertThat(asc).as("ASC of %s", name).isBetween(0x00, 0x74);
            assertThat(seen.add(asc << 8 | ascq)).as("duplicate %02Xh/%02Xh", asc, ascq).isTrue();
            assertThat(name).isNotBlank();
        });
        assertThat(seen).hasSize(AscNames.size());
    }

    @Test
    @DisplayName("Annex D: 40h/NNh (NN 80h-FFh) is diagnostic failure on component NN")
    void diagnosticFailureOnComponentIsGenerated() {
        assertThat(AscNames.describe(0x40, 0x85)).isEqualTo("Diagnostic failure on component 85h");
        assertThat(AscNames.lookup(0x40, 0x85)).isNull();
    }

    @Test
    void taggedOverlappedCommandsCarryTheTaskTag() {
        assertThat(AscNames.describe(0x4D, 0x2C)).isEqualTo("Tagged overlapped commands (task tag 2Ch)");
    }

    @Test
    @DisplayName("SPC-4 §4.5.2.1: ASC 80h-FFh and ASCQ 80h-FFh are vendor specific")
    void vendorSpecificCodesAreGenerated() {
        assertThat(AscNames.describe(0x80, 0x01)).isEqualTo("Vendor specific ASC 80h, ASCQ 01h");
        assertThat(AscNames.describe(0x24, 0x90)).isEqualTo("Vendor specific ASCQ 90h for ASC 24h");
    }

    @Test
    void unlistedPairIsDescribedAsReserved() {
        assertThat(AscNames.describe(0x24, 0x7E)).isEqualTo("ASC 24h ASCQ 7Eh (reserved)");
    }

    @Test
    void listedNamesAreReturnedWithoutAllocation() {
        assertThat(AscNames.describe(0x24, 0x00)).isSameAs(AscNames.describe(0x24, 0x00));
    }

    @Property
    void everyPairHasANonEmptyName(@ForAll @IntRange(min = 0, max = 255) int asc, @ForAll @IntRange(min = 0, max = 255) int ascq) {
        assertThat(AscNames.describe(asc, ascq)).isNotBlank();
    }

    @Test
    void outOfRangeLookupIsNull() {
        assertThat(AscNames.lookup(-1, 0)).isNull();
        assertThat(AscNames.lookup(0x24, 0x100)).isNull();
    }
}
