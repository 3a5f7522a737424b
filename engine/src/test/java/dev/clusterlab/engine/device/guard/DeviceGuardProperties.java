package dev.clusterlab.engine.device.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.device.SimulatedDevice;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.target.TestLus;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class DeviceGuardProperties {

    /** Whatever the CDB, an unarmed device receives only commands classified read-only. */
    @Property(tries = 400)
    void anUnarmedDeviceOnlyEverReceivesReadOnlyCommands(@ForAll @Size(min = 6, max = 16) byte[] cdb,
                                                         @ForAll @Size(max = 32) byte[] dataOut) {
        DeviceGuardTest.RecordingDevice device = new DeviceGuardTest.RecordingDevice(new SimulatedDevice(TestLus.small(), TestLus.A1));
        DeviceGuard guard = DeviceGuard.open(device, "test", new Arming(), new AuditLog.InMemory());
        int before = device.opcodes().size();
        guard.execute(new ScsiRequest(cdb, dataOut, 64));
        if (CommandRisk.classify(cdb) != CommandRisk.READ_ONLY) {
            assertThat(device.opcodes().subList(before, device.opcodes().size())).as("only the identity INQUIRY may reach it")
                    .allMatch(op -> op == 0x12);
        } else {
            assertThat(device.opcodes()).as("a read-only command is passed on").last().isEqualTo(cdb[0] & 0xFF);
        }
    }
}
