package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full command table for persistent reservations (SPC-4 Table 65 with SBC-3 Table 13; notes
 * §3.2), every row for every type and every kind of requester, checked against conflicts() — the
 * decision the logical unit makes before any command runs. Expected values are copied from the
 * table, column by column, with this device's choice for "A*" (allowed; ALLOW COMMANDS = 011b).
 */
class AccessTableTest {

    /** Table columns: WE, EA, Reg (RR), Unreg WE-RR, Unreg EA-RR. */
    record Row(String command, String cdbHex, String columns) {
        byte[] cdb() { return HexFormat.of().parseHex(cdbHex); }

        boolean allowed(int column) { return columns.charAt(column) == 'A'; }

        @Override
        public String toString() { return command; }
    }

    static final List<Row> TABLE_65 = List.of(
            // A in every column
            new Row("INQUIRY", "120000002400", "AAAAA"),
            new Row("REPORT LUNS", "A00000000000000010000000", "AAAAA"),
            new Row("REQUEST SENSE", "030000001200", "AAAAA"),
            new Row("PERSISTENT RESERVE IN", "5E000000000000100000", "AAAAA"),
            new Row("LOG SENSE", "4D000000000000100000", "AAAAA"),
            new Row("READ CAPACITY(10)", "25000000000000000000", "AAAAA"),
            new Row("READ CAPACITY(16)", "9E100000000000000000000000200000", "AAAAA"),
            new Row("READ MEDIA SERIAL NUMBER", "AB010000000000000010000000", "AAAAA"),
            new Row("REPORT TARGET PORT GROUPS", "A30A0000000000001000000000", "AAAAA"),
            new Row("REPORT ALIASES", "A30B0000000000001000000000", "AAAAA"),
            new Row("REPORT TIMESTAMP", "A30F0000000000001000000000", "AAAAA"),
            new Row("REPORT IDENTIFYING INFORMATION", "A3050000000000001000000000", "AAAAA"),
            new Row("REPORT PRIORITY", "A30E0000000000001000000000", "AAAAA"),
            new Row("ACCESS CONTROL IN", "86000000000000000000000000001000", "AAAAA"),
            new Row("ACCESS CONTROL OUT", "87000000000000000000000000001000", "AAAAA"),
            new Row("REPORT REFERRALS", "9E130000000000000000000000200000", "AAAAA"),
            // A*: allowed by this device server
            new Row("TEST UNIT READY", "000000000000", "AAAAA"),
            new Row("MODE SENSE(6)", "1A003F00FF00", "ACAAC"),
            new Row("MODE SENSE(10)", "5A003F00000000FF0000", "ACAAC"),
            new Row("READ BUFFER", "3C000000000000001000", "ACAAC"),
            new Row("RECEIVE DIAGNOSTIC RESULTS", "1C0000100000", "ACAAC"),
            new Row("READ ATTRIBUTE", "8C000000000000000000000010000000", "ACAAC"),
            new Row("REPORT SUPPORTED OPERATION CODES", "A30C0000000000001000000000", "ACAAC"),
            new Row("REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS", "A30D0000000000001000000000", "ACAAC"),
            new Row("READ DEFECT DATA(10)", "37000000000000100000", "ACAAC"),
            new Row("READ DEFECT DATA(12)", "B7000000000000100000000000", "ACAAC"),
            // RECEIVE COPY RESULTS is A* like the MODE SENSE class (ALLOW COMMANDS 011b, not 100b)
            new Row("RECEIVE COPY RESULTS (COPY STATUS)", "84000100000000000000000004000000", "ACAAC"),
            new Row("RECEIVE COPY RESULTS (OPERATING PARAMETERS)", "84030000000000000000000004000000", "ACAAC"),
            new Row("RECEIVE COPY RESULTS (FAILED SEGMENT DETAILS)", "84040100000000000000000004000000", "ACAAC"),
            // A under WE, C under EA
            new Row("SECURITY PROTOCOL IN", "A2000000000000100000000000", "ACAAC"),
            new Row("MANAGEMENT PROTOCOL IN", "A3100000000000001000000000", "ACAAC"),
            new Row("READ(6)", "080000010100", "ACAAC"),
            new Row("READ(10)", "28000000000100000100", "ACAAC"),
            new Row("READ(12)", "A8000000000100000001000000", "ACAAC"),
            new Row("READ(16)", "88000000000000000001000000010000", "ACAAC"),
            new Row("READ(32)", "7F00000000000018000900000000000000000001000000000000000000000001", "ACAAC"),
            new Row("VERIFY(10)", "2F000000000100000100", "ACAAC"),
            new Row("VERIFY(12)", "AF000000000100000001000000", "ACAAC"),
            new Row("VERIFY(16)", "8F000000000000000001000000010000", "ACAAC"),
            new Row("PRE-FETCH(10)", "34000000000100000100", "ACAAC"),
            new Row("PRE-FETCH(16)", "90000000000000000001000000010000", "ACAAC"),
            new Row("GET LBA STATUS", "9E120000000000000000000000200000", "ACAAC"),
            new Row("POPULATE TOKEN", "83100000000000000000000002000000", "ACAAC"),
            // C except for registrants under RO/AR
            new Row("WRITE(6)", "0A0000010100", "CCACC"),
            new Row("WRITE(10)", "2A000000000100000100", "CCACC"),
            new Row("WRITE(12)", "AA000000000100000001000000", "CCACC"),
            new Row("WRITE(16)", "8A000000000000000001000000010000", "CCACC"),
            new Row("WRITE(32)", "7F00000000000018000B00000000000000000001000000000000000000000001", "CCACC"),
            new Row("WRITE AND VERIFY(10)", "2E000000000100000100", "CCACC"),
            new Row("WRITE AND VERIFY(12)", "AE000000000100000001000000", "CCACC"),
            new Row("WRITE AND VERIFY(16)", "8E000000000000000001000000010000", "CCACC"),
            new Row("WRITE ATOMIC(16)", "9C000000000000000001000000010000", "CCACC"),
            new Row("WRITE SAME(10)", "41000000000100000100", "CCACC"),
            new Row("WRITE SAME(16)", "93000000000000000001000000010000", "CCACC"),
            new Row("WRITE USING TOKEN", "83110000000000000000000002000000", "CCACC"),
            new Row("ORWRITE(16)", "8B000000000000000001000000010000", "CCACC"),
            new Row("COMPARE AND WRITE", "89000000000000000001000000000100", "CCACC"),
            new Row("UNMAP", "42000000000000001800", "CCACC"),
            new Row("SYNCHRONIZE CACHE(10)", "35000000000000000000", "CCACC"),
            new Row("SYNCHRONIZE CACHE(16)", "91000000000000000000000000000000", "CCACC"),
            new Row("FORMAT UNIT", "040000000000", "CCACC"),
            new Row("SANITIZE", "48010000000000000000", "CCACC"),
            new Row("SANITIZE (BLOCK ERASE)", "48020000000000000000", "CCACC"),
            new Row("SANITIZE (CRYPTO ERASE)", "48030000000000000000", "CCACC"),
            new Row("SANITIZE (EXIT FAILURE MODE)", "481F0000000000000000", "CCACC"),
            new Row("REASSIGN BLOCKS", "070000000000", "CCACC"),
            new Row("WRITE LONG(10)", "3F000000000100000000", "CCACC"),
            new Row("MODE SELECT(6)", "151000001800", "CCACC"),
            new Row("MODE SELECT(10)", "55100000000000001800", "CCACC"),
            new Row("LOG SELECT", "4C000000000000000000", "CCACC"),
            new Row("WRITE BUFFER", "3B000000000000000000", "CCACC"),
            new Row("SEND DIAGNOSTIC", "1D0400000000", "CCACC"),
            new Row("WRITE ATTRIBUTE", "8D000000000000000000000000000000", "CCACC"),
            new Row("SECURITY PROTOCOL OUT", "B5000000000000000000000000", "CCACC"),
            new Row("SET TARGET PORT GROUPS", "A40A0000000000000000000000", "CCACC"),
            new Row("SET TIMESTAMP", "A40F0000000000000000000000", "CCACC"),
            new Row("CHANGE ALIASES", "A40B0000000000000000000000", "CCACC"),
            new Row("EXTENDED COPY", "83000000000000000000000000000000", "CCACC"),
            new Row("EXTENDED COPY(LID1) with a parameter list", "83000000000000000000000000200000", "CCACC"),
            new Row("EXTENDED COPY(LID4)", "83010000000000000000000000000000", "CCACC"),
            // special forms
            new Row("PREVENT ALLOW MEDIUM REMOVAL (PREVENT=0)", "1E0000000000", "AAAAA"),
            new Row("PREVENT ALLOW MEDIUM REMOVAL (PREVENT=1)", "1E0000000100", "CCACC"),
            new Row("START STOP UNIT (START=1, POWER CONDITION=0)", "1B0000000100", "AAAAA"),
            new Row("START STOP UNIT (START=0)", "1B0000000000", "CCACC"),
            new Row("START STOP UNIT (START=1, POWER CONDITION=1)", "1B0000001100", "CCACC"),
            new Row("unknown vendor-specific command (restrictive default)", "C00000000000", "CCACC"));

    enum Role { HOLDER, REGISTERED_NON_HOLDER, UNREGISTERED }

    /** One logical unit per type: A1 holds, B1 is registered, C1 is not. */
    private static final Map<PrType, PrFixture> LUS = new EnumMap<>(PrType.class);

    static synchronized PrFixture luReservedAs(PrType type) {
        return LUS.computeIfAbsent(type, t -> {
            PrFixture f = PrFixture.create();
            Expect.good(f.registerIgnore(A1, 0xA1));
            Expect.good(f.registerIgnore(B1, 0xB1));
            Expect.good(f.reserve(A1, t, 0xA1));
            return f;
        });
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (PrType t : PrType.values())
            for (Role r : Role.values())
                for (Row row : TABLE_65) out.add(Arguments.of(t, r, row));
        return out.stream();
    }

    /** The rows whose command the standard disk serves (the others would only get 20h/00h). */
    static Stream<Arguments> servedCases() {
        dev.clusterlab.engine.target.CommandTable served = dev.clusterlab.engine.target.CommandTable.standard();
        return cases().filter(a -> served.lookup(((Row) a.get()[2]).cdb()) != null);
    }

    @org.junit.jupiter.api.Test
    void theStandardDiskServesMostRowsOfTheTable() {
        assertThat(servedCases().count()).as("rows served x 18").isGreaterThanOrEqualTo(18L * 30);
    }

    /** Which column of Table 65 applies (-1: holders are never restricted). */
    static int column(PrType t, Role r) {
        if (r == Role.HOLDER) return -1;
        boolean rr = t.registrantsOnly() || t.allRegistrants();
        if (r == Role.REGISTERED_NON_HOLDER) {
            if (t.allRegistrants()) return -1; // every registrant holds an AR reservation (§5.13.10)
            return rr ? 2 : t.exclusiveAccess() ? 1 : 0;
        }
        if (!rr) return t.exclusiveAccess() ? 1 : 0;
        return t.exclusiveAccess() ? 4 : 3;
    }

    @ParameterizedTest(name = "{0} reservation, {1}: {2}")
    @MethodSource("cases")
    void table65(PrType type, Role role, Row row) {
        PrFixture f = luReservedAs(type);
        ItNexus n = switch (role) { case HOLDER -> A1; case REGISTERED_NON_HOLDER -> B1; case UNREGISTERED -> C1; };
        int col = column(type, role);
        boolean expectConflict = col >= 0 && !row.allowed(col);
        assertThat(f.lu.reservations().conflicts(n, row.cdb()))
                .as("%s from %s under %s", row, role, type).isEqualTo(expectConflict);
    }

    /** Logical units used by the pipeline test, apart from the ones conflicts() is asked about. */
    private static final Map<PrType, PrFixture> PIPELINE_LUS = new EnumMap<>(PrType.class);

    /**
     * The same table through LogicalUnit.execute with the real SPC/SBC command set: for every row
     * whose command the disk serves, the status is RESERVATION CONFLICT exactly when the table says
     * C (whatever else the command then does with its odd CDB).
     */
    @ParameterizedTest(name = "{0} reservation, {1}: {2} through the real command set")
    @MethodSource("servedCases")
    void table65ThroughTheRealCommandSet(PrType type, Role role, Row row) {
        PrFixture f;
        synchronized (PIPELINE_LUS) {
            f = PIPELINE_LUS.computeIfAbsent(type, t -> {
                PrFixture g = PrFixture.create();
                Expect.good(g.registerIgnore(A1, 0xA1));
                Expect.good(g.registerIgnore(B1, 0xB1));
                Expect.good(g.reserve(A1, t, 0xA1));
                return g;
            });
        }
        ItNexus n = switch (role) { case HOLDER -> A1; case REGISTERED_NON_HOLDER -> B1; case UNREGISTERED -> C1; };
        int col = column(type, role);
        boolean expectConflict = col >= 0 && !row.allowed(col);
        var status = f.lu.execute(n, new dev.clusterlab.engine.scsi.ScsiRequest(row.cdb(), new byte[512], 4096)).status();
        assertThat(status == dev.clusterlab.engine.scsi.ScsiStatus.RESERVATION_CONFLICT)
                .as("%s from %s under %s: %s", row, role, type, status).isEqualTo(expectConflict);
        assertThat(f.lu.reservations().snapshot().reservationType()).isEqualTo(type.code());
    }

    @org.junit.jupiter.api.Test
    void noReservationNeverConflicts() {
        PrFixture f = PrFixture.create();
        f.registerIgnore(A1, 0xA1);
        for (Row row : TABLE_65) assertThat(f.lu.reservations().conflicts(C1, row.cdb())).as(row.command()).isFalse();
    }
}
