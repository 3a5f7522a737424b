package dev.clusterlab.app.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.LuIdentity;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `clusterlab target --trace`: what a support engineer watching a cluster sees. */
class TracePrinterTest {
    private static final TargetPort PORT = new TargetPort(1, "iqn.x:t,t,0x0001", 1);
    private static final ItNexus A = new ItNexus(InitiatorPort.iscsi("iqn.x:node-a", 1), PORT);
    private static final ItNexus B = new ItNexus(InitiatorPort.iscsi("iqn.x:node-b", 1), PORT);

    private static String run(TracePrinter.Level level) {
        StringWriter text = new StringWriter();
        LogicalUnit lu = LogicalUnit.builder("lun0").identity(LuIdentity.forName("lun0", 0))
                .store(new MemoryBlockStore(512, 2048)).targetPorts(List.of(PORT))
                .timeline(new TracePrinter(new PrintWriter(text), level)).build();
        prOut(lu, A, PrOutAction.REGISTER, 0, 0, 0xA1);
        prOut(lu, A, PrOutAction.RESERVE, 5, 0xA1, 0);
        prOut(lu, B, PrOutAction.REGISTER, 0, 0, 0xB1);
        prOut(lu, B, PrOutAction.PREEMPT_AND_ABORT, 5, 0xB1, 0xA1);
        lu.execute(A, ScsiRequest.dataOut(Cdbs.write10(0, 1), new byte[512]));
        return text.toString();
    }

    private static void prOut(LogicalUnit lu, ItNexus n, PrOutAction a, int type, long rk, long sark) {
        lu.execute(n, ScsiRequest.dataOut(Cdbs.persistentReserveOut(a, 0, type, 24), Cdbs.prOutParameters(rk, sark, false, false)));
    }

    @Test
    void reservationsLevelTellsTheStoryInWordsWithoutEveryCommand() {
        String out = run(TracePrinter.Level.RESERVATIONS);
        assertThat(out).contains("lun0: iqn.x:node-b,i,0x000000000001 preempted and aborted key 0xA1: reservation taken")
                .contains("unit attention 2Ah/05h")
                .contains("reservation Write Exclusive, registrants only")
                .doesNotContain("WRITE(10)");
    }

    @Test
    void commandsLevelAddsEachCommandWithItsStatus() {
        String out = run(TracePrinter.Level.COMMANDS);
        assertThat(out).contains("PR OUT PREEMPT AND ABORT rk=0xb1 sark=0xa1 type=5 (WERO) -> GOOD")
                .contains("WRITE(10) lba=0 len=1 -> RESERVATION CONFLICT");
    }

    @Test
    void noneRecordsNothing() {
        assertThat(new TracePrinter(new PrintWriter(new StringWriter()), TracePrinter.Level.NONE).recording()).isFalse();
        assertThat(run(TracePrinter.Level.NONE)).isEmpty();
    }
}
