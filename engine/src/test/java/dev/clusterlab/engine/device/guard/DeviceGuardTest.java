package dev.clusterlab.engine.device.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.device.DeviceIdentity;
import dev.clusterlab.engine.device.ScsiDevice;
import dev.clusterlab.engine.device.SimulatedDevice;
import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuIdentity;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real-device safety guard, over simulated LUs standing in for real ones. */
class DeviceGuardTest {
    private final LogicalUnit lu = TestLus.small();
    private final RecordingDevice device = new RecordingDevice(new SimulatedDevice(lu, TestLus.A1));
    private final Arming arming = new Arming();
    private final AuditLog.InMemory audit = new AuditLog.InMemory();
    private final DeviceGuard guard = DeviceGuard.open(device, "iscsi://array:3260/iqn.x/0", arming, audit);

    private static ScsiRequest register(long key) {
        return new ScsiRequest(Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 24), Cdbs.prOutParameters(0, key, false, false), 0);
    }

    private static ScsiRequest readKeys() { return new ScsiRequest(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 256), null, 256); }

    private static ScsiRequest write10() { return new ScsiRequest(Cdbs.write10(0, 1), new byte[512], 0); }

    private String identity() { return guard.identity().name(); }

    private static void assertWriteProtected(ScsiResponse r) {
        assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
        assertThat(r.sense().key()).isEqualTo(SenseKey.DATA_PROTECT);
        assertThat(r.sense().additional()).isEqualTo(AdditionalSense.WRITE_PROTECTED);
    }

    @Test
    void identityIsTheLuNaaDesignatorReadAtOpen() {
        assertThat(identity()).isEqualTo("naa." + java.util.HexFormat.of().formatHex(lu.identity().naa()));
    }

    @Test
    void unarmedDeviceAnswersReadOnlyCommands() {
        assertThat(guard.execute(readKeys()).status()).isEqualTo(ScsiStatus.GOOD);
        assertThat(guard.execute(new ScsiRequest(Cdbs.testUnitReady(), null, 0)).status()).isEqualTo(ScsiStatus.GOOD);
        assertThat(device.opcodes()).contains(0x5E, 0x00);
        assertThat(audit.records()).as("read-only commands are not audited").isEmpty();
    }

    @Test
    void unarmedDeviceNeverSeesPersistentReserveOut() {
        List<String> reasons = new ArrayList<>();
        guard.onRefusal(reasons::add);
        assertWriteProtected(guard.execute(register(0xABC)));
        assertThat(device.opcodes()).doesNotContain(0x5F);
        assertThat(lu.reservations().snapshot().registrants()).isEmpty();
        assertThat(reasons).singleElement().asString().contains("--arm " + identity());
        assertThat(audit.records()).singleElement().satisfies(r -> {
            assertThat(r.phase()).isEqualTo("refused");
            assertThat(r.identity()).isEqualTo(identity());
            assertThat(r.command()).contains("REGISTER");
        });
    }

    @Test
    void armedDeviceTakesReservationCommandsAndAuditsBothEnds() {
        arming.arm(identity(), false);
        assertThat(guard.execute(register(0xABC)).status()).isEqualTo(ScsiStatus.GOOD);
        assertThat(lu.reservations().snapshot().registrants()).hasSize(1);
        assertThat(audit.records()).extracting(AuditRecord::phase).containsExactly("sending", "completed");
        assertThat(audit.records().get(0).parameters()).as("the key is in the audited parameter list").contains("0000000000000abc");
        assertThat(audit.records().get(1).outcome()).startsWith("GOOD");
    }

    @Test
    void armingAcceptsTheIdentityAsUsersTypeIt() {
        arming.arm(identity().toUpperCase().replace("NAA.", "naa.0x"), false);
        assertThat(guard.armed()).isTrue();
    }

    @Test
    void armingAnotherDeviceDoesNotArmThisOne() {
        arming.arm("naa.600140500000000000000000000000ff", true);
        assertWriteProtected(guard.execute(register(1)));
    }

    @Test
    void dataWritesNeedTheSeparateOptIn() {
        arming.arm(identity(), false);
        assertWriteProtected(guard.execute(write10()));
        assertThat(device.opcodes()).doesNotContain(0x2A);
        arming.arm(identity(), true);
        assertThat(guard.execute(write10()).status()).isEqualTo(ScsiStatus.GOOD);
    }

    @Test
    void aDeviceWhoseIdentityChangesIsDisarmedAndRefused() {
        arming.arm(identity(), true);
        String before = identity();
        LogicalUnit other = TestLus.builder(new MemoryBlockStore(512, 64)).identity(LuIdentity.forName("swapped", 7)).build();
        device.replaceWith(new SimulatedDevice(other, TestLus.A1));
        List<String> reasons = new ArrayList<>();
        guard.onRefusal(reasons::add);

        assertWriteProtected(guard.execute(register(5)));
        assertThat(other.reservations().snapshot().registrants()).isEmpty();
        assertThat(reasons).singleElement().asString().contains("instead of " + before).contains("disarmed");
        assertThat(arming.isArmed(new DeviceIdentity(before, List.of()))).isFalse();
        assertThat(guard.identity().name()).isNotEqualTo(before);
    }

    @Test
    void aDeviceWithoutIdentityCanBeReadButNeverChanged() {
        ScsiDevice anonymous = new ScsiDevice() {
            @Override
            public ScsiResponse execute(ScsiRequest request) {
                if ((request.cdb()[0] & 0xFF) == 0x12 && (request.cdb()[1] & 1) != 0)
                    return ScsiResponse.checkCondition(dev.clusterlab.engine.scsi.SenseData.invalidField(
                            AdditionalSense.INVALID_FIELD_IN_CDB, true, 2, 7));
                return device.execute(request);
            }
            @Override public String describe() { return "anonymous"; }
        };
        DeviceGuard g = DeviceGuard.open(anonymous, "sg:///dev/sg9", arming, audit);
        assertThat(g.identity()).isNull();
        assertThat(g.execute(readKeys()).status()).isEqualTo(ScsiStatus.GOOD);
        assertWriteProtected(g.execute(register(1)));
        assertThat(device.opcodes()).doesNotContain(0x5F);
    }

    @Test
    void aCommandThatCannotBeAuditedIsNotSent() {
        AuditLog broken = r -> { throw new IOException("disk full"); };
        DeviceGuard g = DeviceGuard.open(device, "iscsi://array/iqn.x/0", arming, broken);
        arming.arm(g.identity().name(), false);
        List<String> reasons = new ArrayList<>();
        g.onRefusal(reasons::add);
        assertWriteProtected(g.execute(register(9)));
        assertThat(device.opcodes()).doesNotContain(0x5F);
        assertThat(reasons).singleElement().asString().contains("audit log").contains("disk full");
    }

    @Test
    void checkExplainsWithoutSending() {
        assertThat(guard.check(register(1))).isInstanceOf(GuardDecision.Refused.class);
        assertThat(guard.check(readKeys())).isEqualTo(new GuardDecision.Allowed(CommandRisk.READ_ONLY));
        arming.arm(identity(), false);
        assertThat(guard.check(register(1))).isEqualTo(new GuardDecision.Allowed(CommandRisk.STATE_CHANGING));
        assertThat(device.opcodes()).doesNotContain(0x5F);
        assertThat(audit.records()).isEmpty();
    }

    /** Forwards to a device that the test can swap, remembering every opcode that reached it. */
    static final class RecordingDevice implements ScsiDevice {
        private ScsiDevice target;
        private final List<Integer> opcodes = new ArrayList<>();

        RecordingDevice(ScsiDevice target) { this.target = target; }

        void replaceWith(ScsiDevice other) { target = other; }

        List<Integer> opcodes() { return List.copyOf(opcodes); }

        @Override
        public ScsiResponse execute(ScsiRequest request) {
            opcodes.add(request.cdb()[0] & 0xFF);
            return target.execute(request);
        }

        @Override public String describe() { return "recording " + target.describe(); }
    }
}
