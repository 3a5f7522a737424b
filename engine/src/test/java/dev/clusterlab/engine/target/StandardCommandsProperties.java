package dev.clusterlab.engine.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Bad input never crashes the device server (DESIGN.md, Quality habits): random CDBs of supported
 * opcodes, with random fields, lengths and data-out, end in GOOD or in CHECK CONDITION with a sense
 * key and ASC/ASCQ that the standard command set defines, never in 44h/00h or an exception.
 */
class StandardCommandsProperties {

    record Command(byte[] cdb, byte[] dataOut, int dataInCapacity, int nexus) {}

    private static final List<CommandTable.Entry> ENTRIES = CommandTable.standard().entries();
    private static final ItNexus[] NEXUSES = {TestLus.A1, TestLus.A2, TestLus.B1, TestLus.B2};

    /** The sense each key may carry, by ASC/ASCQ. */
    private static final Map<SenseKey, Set<AdditionalSense>> ALLOWED = Map.of(
            SenseKey.ILLEGAL_REQUEST, Set.of(AdditionalSense.INVALID_COMMAND_OPERATION_CODE, AdditionalSense.LBA_OUT_OF_RANGE,
                    AdditionalSense.INVALID_FIELD_IN_CDB, AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST,
                    AdditionalSense.PARAMETER_LIST_LENGTH_ERROR, AdditionalSense.SAVING_PARAMETERS_NOT_SUPPORTED,
                    CdbChecks.DATA_OUT_TOO_SHORT,
                    // EXTENDED COPY parameter list checks (SPC-4 §6.3): 26h/06h-09h, 0Bh
                    new AdditionalSense(0x26, 0x06), new AdditionalSense(0x26, 0x07), new AdditionalSense(0x26, 0x08),
                    new AdditionalSense(0x26, 0x09), new AdditionalSense(0x26, 0x0B)),
            SenseKey.COPY_ABORTED, Set.of(new AdditionalSense(0x0D, 0x02), new AdditionalSense(0x0D, 0x03),
                    new AdditionalSense(0x26, 0x0A)),
            SenseKey.NOT_READY, Set.of(AdditionalSense.LU_NOT_READY_INITIALIZING_REQUIRED),
            SenseKey.MISCOMPARE, Set.of(AdditionalSense.MISCOMPARE_DURING_VERIFY),
            SenseKey.DATA_PROTECT, Set.of(AdditionalSense.WRITE_PROTECTED),
            SenseKey.UNIT_ATTENTION, Set.of(AdditionalSense.MODE_PARAMETERS_CHANGED, AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET,
                    AdditionalSense.POWER_ON_OCCURRED, AdditionalSense.RESERVATIONS_PREEMPTED,
                    AdditionalSense.RESERVATIONS_RELEASED, AdditionalSense.REGISTRATIONS_PREEMPTED));

    /** Mostly zeros and small values, so that commands get past the reserved-bit checks often. */
    private static Arbitrary<Byte> fieldByte() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just((byte) 0)),
                net.jqwik.api.Tuple.of(3, Arbitraries.bytes().between((byte) 0, (byte) 4)),
                net.jqwik.api.Tuple.of(3, Arbitraries.bytes()));
    }

    @Provide
    Arbitrary<Command> commands() {
        Arbitrary<CommandTable.Entry> entry = Arbitraries.of(ENTRIES);
        Arbitrary<byte[]> body = fieldByte().array(byte[].class).ofMinSize(0).ofMaxSize(32);
        Arbitrary<byte[]> dataOut = Arbitraries.oneOf(
                fieldByte().array(byte[].class).ofMaxSize(64),
                Arbitraries.integers().between(0, 12_000).map(byte[]::new));
        Arbitrary<Integer> capacity = Arbitraries.integers().between(0, 9000);
        Arbitrary<Boolean> keepServiceAction = Arbitraries.of(true, true, false);
        return Combinators.combine(entry, body, dataOut, capacity, keepServiceAction, Arbitraries.integers().between(0, 3))
                .as((e, b, d, cap, keepSa, n) -> {
                    byte[] cdb = b.clone();
                    if (cdb.length > 0) cdb[0] = (byte) e.opcode();
                    if (cdb.length > 1 && e.serviceAction() >= 0 && keepSa) cdb[1] = (byte) ((cdb[1] & 0xE0) | e.serviceAction());
                    return new Command(cdb, d, cap, n);
                });
    }

    @Property(tries = 400)
    void randomCommandSequencesNeverFailInternallyAndOnlyReportKnownSense(
            @ForAll @Size(min = 1, max = 6) List<@From("commands") Command> sequence) {
        LogicalUnit lu = TestLus.small();
        for (Command c : sequence) {
            ScsiResponse r = lu.execute(NEXUSES[c.nexus()], new ScsiRequest(c.cdb(), c.dataOut(), c.dataInCapacity()));
            assertThat(r.dataIn().length).isLessThanOrEqualTo(c.dataInCapacity());
            if (r.status() == ScsiStatus.GOOD || r.status() == ScsiStatus.RESERVATION_CONFLICT) continue;
            assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
            SenseData s = r.sense();
            assertThat(ALLOWED).as("sense key of %s", s).containsKey(s.key());
            assertThat(ALLOWED.get(s.key())).as("ASC/ASCQ of %s", s).contains(s.additional());
        }
    }
}
