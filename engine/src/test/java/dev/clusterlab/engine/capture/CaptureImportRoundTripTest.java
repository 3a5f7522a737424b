package dev.clusterlab.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuIdentity;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A capture the lab exports itself (PcapngExport) imports back to the same command sequence, and compares clean. */
class CaptureImportRoundTripTest {
    private static final TargetPort PORT = new TargetPort(1, "iqn.2026-11.dev.clusterlab:san,t,0x0001", 1);
    private static final ItNexus A = new ItNexus(InitiatorPort.iscsi("iqn.2026-11.dev.clusterlab:node-a", 0x23d000000001L), PORT);
    private static final ItNexus B = new ItNexus(InitiatorPort.iscsi("iqn.2026-11.dev.clusterlab:node-b", 0x23d000000002L), PORT);

    @Test
    void exportedTimelineImportsToTheSameCommandsAndNoDifferences() throws Exception {
        List<TimelineEvent> events = new ArrayList<>();
        long[] now = {0};
        LogicalUnit lu = LogicalUnit.builder("data").identity(LuIdentity.forName("data", 0)).store(new MemoryBlockStore(512, 2048))
                .targetPorts(List.of(PORT)).timeline(events::add).clock(() -> now[0]).build();
        List<ScsiResponse> answers = new ArrayList<>();
        Object[][] steps = {
                {A, prOut(PrOutAction.REGISTER, 0, 0, 0xA1)}, {B, prOut(PrOutAction.REGISTER, 0, 0, 0xB2)},
                {A, prOut(PrOutAction.RESERVE, 1, 0xA1, 0)}, {B, prIn(PrInAction.READ_RESERVATION)},
                {B, prOut(PrOutAction.PREEMPT, 1, 0xB2, 0xA1)}, {A, new ScsiRequest(Cdbs.testUnitReady(), null, 0)},
                {A, new ScsiRequest(Cdbs.write10(0, 1), new byte[512], 0)}, {B, prIn(PrInAction.READ_FULL_STATUS)},
                {B, prIn(PrInAction.READ_KEYS)}};
        for (Object[] step : steps) {
            now[0] += 1_000_000;
            answers.add(lu.execute((ItNexus) step[0], (ScsiRequest) step[1]));
        }
        ByteArrayOutputStream pcapng = new ByteArrayOutputStream();
        PcapngExport.write(events, p -> null, pcapng);

        CaptureImport.Result r = CaptureImport.read("export.pcapng", pcapng.toByteArray());
        assertThat(r.commands()).hasSize(steps.length);
        for (int i = 0; i < steps.length; i++) {
            assertThat(r.commands().get(i).cdb()).as("command %d", i).isEqualTo(((ScsiRequest) steps[i][1]).cdb());
            assertThat(r.commands().get(i).status()).as("status %d", i).isEqualTo(answers.get(i).status());
        }
        assertThat(r.commands().get(5).sense().additional().ascq()).isEqualTo(0x05); // REGISTRATIONS PREEMPTED
        assertThat(r.commands().get(6).status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
        assertThat(CaptureComparison.compare(r).findings()).isEmpty();
    }

    private static ScsiRequest prOut(PrOutAction action, int type, long key, long serviceActionKey) {
        byte[] params = Cdbs.prOutParameters(key, serviceActionKey, false, false);
        return new ScsiRequest(Cdbs.persistentReserveOut(action, 0, type, params.length), params, 0);
    }

    private static ScsiRequest prIn(PrInAction action) {
        return new ScsiRequest(Cdbs.persistentReserveIn(action, 1024), null, 1024);
    }
}
