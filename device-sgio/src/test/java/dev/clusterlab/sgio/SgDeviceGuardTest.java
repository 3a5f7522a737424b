package dev.clusterlab.sgio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.device.guard.Arming;
import dev.clusterlab.engine.device.guard.AuditLog;
import dev.clusterlab.engine.device.guard.DeviceGuard;
import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.sgio.FakeSgKernel.Command;
import dev.clusterlab.sgio.FakeSgKernel.Reply;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's DeviceGuard in front of an SgDevice: while the device is not armed by its identity,
 * nothing that changes state reaches the (fake) kernel; read-only commands do (issue 6, safety guard).
 */
class SgDeviceGuardTest {
    private static final String PATH = "/dev/sg3";
    private static final String IDENTITY = "naa.6001405a1b2c3d4e5f60718293a4b5c6";

    private final FakeSgKernel kernel = new FakeSgKernel();
    private final Arming arming = new Arming();
    private final AuditLog.InMemory audit = new AuditLog.InMemory();
    private volatile byte[] naa = HexFormat.of().parseHex(IDENTITY.substring(4));
    private DeviceGuard guard;

    @BeforeEach
    void openGuardedDevice() throws Exception {
        kernel.device(PATH, this::answer);
        guard = DeviceGuard.open(SgDevice.open(kernel, PATH, SgDevice.Options.DEFAULT, null), "sg://" + PATH, arming, audit);
    }

    /** A plain disk: VPD 83h with an NAA designator, a standard INQUIRY, an empty PR IN, GOOD for the rest. */
    private Reply answer(Command c) {
        int opcode = c.cdb()[0] & 0xFF;
        if (opcode == Opcode.INQUIRY && (c.cdb()[1] & 1) == 1) {
            byte[] page = new byte[8 + naa.length];
            page[1] = (byte) 0x83;
            page[3] = (byte) (4 + naa.length);
            page[4] = 0x01;
            page[5] = 0x03;
            page[7] = (byte) naa.length;
            System.arraycopy(naa, 0, page, 8, naa.length);
            return Reply.good(page);
        }
        if (opcode == Opcode.INQUIRY) return Reply.good(new byte[36]);
        if (opcode == Opcode.PERSISTENT_RESERVE_IN) return Reply.good(new byte[8]);
        return Reply.good();
    }

    private boolean kernelSaw(int opcode) {
        return kernel.commands.stream().anyMatch(c -> (c.cdb()[0] & 0xFF) == opcode);
    }

    private static void assertWriteProtected(ScsiResponse r) {
        assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
        assertThat(r.sense().key()).isEqualTo(SenseKey.DATA_PROTECT);
        assertThat(r.sense().additional()).isEqualTo(AdditionalSense.WRITE_PROTECTED);
    }

    static Stream<Arguments> stateChangingCommands() {
        byte[] params = Cdbs.prOutParameters(0xA1, 0xB2, false, false);
        return Stream.of(
                Arguments.of("PR OUT REGISTER", ScsiRequest.dataOut(Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 24), params)),
                Arguments.of("PR OUT RESERVE", ScsiRequest.dataOut(
                        Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, PrType.WRITE_EXCLUSIVE.code(), 24), params)),
                Arguments.of("PR OUT PREEMPT AND ABORT", ScsiRequest.dataOut(
                        Cdbs.persistentReserveOut(PrOutAction.PREEMPT_AND_ABORT, 0, PrType.WRITE_EXCLUSIVE.code(), 24), params)),
                Arguments.of("PR OUT CLEAR", ScsiRequest.dataOut(Cdbs.persistentReserveOut(PrOutAction.CLEAR, 0, 0, 24), params)),
                Arguments.of("WRITE(10)", ScsiRequest.dataOut(Cdbs.write10(0, 1), new byte[512])),
                Arguments.of("WRITE(16)", ScsiRequest.dataOut(Cdbs.write16(0, 1), new byte[512])),
                Arguments.of("RESERVE(6)", ScsiRequest.noData(Cdbs.reserve6())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateChangingCommands")
    void unarmedGuardKeepsStateChangingCommandsFromTheKernel(String name, ScsiRequest request) {
        assertWriteProtected(guard.execute(request));
        assertThat(kernelSaw(request.opcode())).as(name + " reached the kernel").isFalse();
    }

    @Test
    void unarmedGuardNeverSendsPersistentReserveOutOrWrite10() {
        guard.execute(ScsiRequest.dataOut(Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 24), Cdbs.prOutParameters(0, 0xA1, false, false)));
        guard.execute(ScsiRequest.dataOut(Cdbs.write10(8, 1), new byte[512]));
        assertThat(kernel.commands).extracting(c -> c.cdb()[0] & 0xFF)
                .doesNotContain(Opcode.PERSISTENT_RESERVE_OUT, Opcode.WRITE_10)
                .containsOnly(Opcode.INQUIRY); // only the guard's identity checks went to the device
    }

    @Test
    void inquiryReachesTheKernelUnarmed() {
        ScsiResponse r = guard.execute(ScsiRequest.dataIn(Cdbs.inquiry(36), 36));
        assertThat(r.status()).isEqualTo(ScsiStatus.GOOD);
        assertThat(kernel.commands).last().satisfies(c -> assertThat(c.cdb()[1] & 1).as("standard INQUIRY, not EVPD").isZero());
    }

    @Test
    void persistentReserveInReachesTheKernelUnarmed() {
        ScsiResponse r = guard.execute(ScsiRequest.dataIn(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 8192), 8192));
        assertThat(r.status()).isEqualTo(ScsiStatus.GOOD);
        assertThat(r.dataIn()).hasSize(8);
        assertThat(kernelSaw(Opcode.PERSISTENT_RESERVE_IN)).isTrue();
    }

    @Test
    void guardReadsTheIdentityThroughSgIo() {
        assertThat(guard.identity().name()).isEqualTo(IDENTITY);
    }

    @Test
    void armingTheIdentityLetsPersistentReserveOutThroughButNotWrite10() {
        arming.arm(IDENTITY, false);
        ScsiResponse pr = guard.execute(ScsiRequest.dataOut(Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 24),
                Cdbs.prOutParameters(0, 0xA1, false, false)));
        assertThat(pr.status()).isEqualTo(ScsiStatus.GOOD);
        assertThat(kernelSaw(Opcode.PERSISTENT_RESERVE_OUT)).isTrue();
        assertWriteProtected(guard.execute(ScsiRequest.dataOut(Cdbs.write10(0, 1), new byte[512])));
        assertThat(kernelSaw(Opcode.WRITE_10)).isFalse();
    }

    @Test
    void deviceThatChangesIdentityIsDisarmedAndRefused() {
        arming.arm(IDENTITY, false);
        naa = HexFormat.of().parseHex("6001405fffeeeeddddccccbbbbaaaa99"); // another LU now answers on this node
        assertWriteProtected(guard.execute(ScsiRequest.dataOut(Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 24),
                Cdbs.prOutParameters(0, 0xA1, false, false))));
        assertThat(kernelSaw(Opcode.PERSISTENT_RESERVE_OUT)).isFalse();
        assertThat(arming.isArmed(guard.identity())).isFalse();
    }

    @Test
    void refusedCommandsAreAudited() {
        guard.execute(ScsiRequest.dataOut(Cdbs.write10(0, 1), new byte[512]));
        assertThat(audit.records()).singleElement().satisfies(r -> {
            assertThat(r.phase()).isEqualTo("refused");
            assertThat(r.device()).isEqualTo("sg://" + PATH);
        });
    }
}
