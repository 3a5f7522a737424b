package dev.clusterlab.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export as Wireshark's own decoder (tshark 4.0) reads it back: PR service actions, keys, type
 * and status per command equal the timeline's, one TCP stream per I_T nexus, narration as comments,
 * nothing malformed. Fails (never skips) when tshark is missing.
 */
class PcapngExportTsharkTest {
    @TempDir static Path dir;
    static List<TimelineEvent> fight;
    static Path capture;

    @BeforeAll
    static void exportTheFight() throws IOException {
        Tshark.executable();
        fight = ExportTimelines.fight();
        capture = export(fight, "fight.pcapng");
    }

    static Path export(List<TimelineEvent> events, String name) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            PcapngExport.write(events, ExportTimelines.NAMES, out);
        }
        return file;
    }

    @Test
    void prOutServiceActionsTypesAndKeysReadBackAsRecordedInOrder() {
        assertThat(TsharkReadBack.capturedPrOut(capture)).hasSize(5)
                .isEqualTo(TsharkReadBack.expectedPrOut(fight));
    }

    @Test
    void prInServiceActionsReadBackAsRecorded() {
        assertThat(TsharkReadBack.capturedPrIn(capture)).containsExactly(0x1F, 0x00)
                .isEqualTo(TsharkReadBack.expectedPrIn(fight));
    }

    @Test
    void everyCommandsStatusReadsBackInOrder() {
        assertThat(TsharkReadBack.capturedStatuses(capture))
                .containsExactly(0x00, 0x00, 0x00, 0x18, 0x00, 0x02, 0x00)
                .isEqualTo(TsharkReadBack.expectedStatuses(fight));
    }

    @Test
    void checkConditionCarriesItsSenseKeyAndAdditionalSense() {
        assertThat(Tshark.fields(capture, "scsi.sns.key", "scsi.sns.key", "scsi.sns.ascascq", "scsi.sns.sks.fp.field"))
                .containsExactly(List.of("0x05", "0x2400", "1"));
    }

    @Test
    void prInAnswerIsDecodedFromDataIn() {
        assertThat(Tshark.fields(capture, "iscsi.opcode == 0x25", "scsi.persresvin.generation_number", "scsi.spc.resv.key"))
                .containsExactly(List.of("0x00000007", "b2b2b2b2b2b2b2b2"));
    }

    @Test
    void eachNexusTravelsOnItsOwnTcpStream() {
        var streams = TsharkReadBack.streamsOfNexuses(fight, capture);
        assertThat(streams).containsOnlyKeys(ExportTimelines.A, ExportTimelines.B);
        assertThat(streams.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        assertThat(streams.get(ExportTimelines.A)).doesNotContainAnyElementsOf(streams.get(ExportTimelines.B));
    }

    @Test
    void eachStreamLogsInOnceWithItsNexusInitiatorNameAndIsid() {
        var streams = TsharkReadBack.streamsOfNexuses(fight, capture);
        var logins = TsharkReadBack.loginsByStream(capture);
        assertThat(logins).containsEntry(streams.get(ExportTimelines.A).iterator().next(),
                        "iqn.2026-11.dev.clusterlab:node-a,i,0x23d000000001")
                .containsEntry(streams.get(ExportTimelines.B).iterator().next(),
                        "iqn.2026-11.dev.clusterlab:node-b,i,0x23d000000002")
                .hasSize(2);
    }

    @Test
    void commandNarrationIsTheCommentOfItsScsiCommandPacket() {
        assertThat(TsharkReadBack.comments(capture, "scsi.persresvout.svcaction && iscsi.opcode == 0x01"))
                .hasSize(5).allSatisfy(c -> assertThat(c).contains("PR OUT"))
                .anySatisfy(c -> assertThat(c).contains("node-b/p1: PR OUT RESERVE").contains("RESERVATION CONFLICT"));
    }

    @Test
    void clusterEventsAreCommentsOnTheNextPacketWithTheirOwnTime() {
        List<List<String>> rows = Tshark.fields(capture, "frame.comment contains \"is down\"", "frame.comment", "scsi.persresvout.svcaction");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(0)).contains("[5.000000 s] node-a: is down");
        assertThat(rows.get(0).get(1)).isEqualTo("0x05"); // the PREEMPT AND ABORT that followed
    }

    @Test
    void wiresharkFindsNothingMalformedNoWarningsNoErrors() {
        assertThat(TsharkReadBack.problems(capture)).isEmpty();
    }

    @Test
    void packetTimesAreTheTimelinesTimesAfterTheFixedStart() {
        List<List<String>> rows = Tshark.fields(capture, "scsi.persresvout.svcaction == 0x05", "frame.time_epoch");
        assertThat(rows).containsExactly(List.of("1767225610.000000000"));
    }

    @Test
    void largeDataInIsCutTo64KiBAndStillDecodesCleanly() throws IOException {
        List<TimelineEvent> big = new ExportTimelines()
                .command(1, "data", ExportTimelines.A, Cdbs.read10(0, 256), new byte[0], ScsiStatus.GOOD, null, new byte[256 * 512])
                .command(2, "data", ExportTimelines.A, Cdbs.write10(0, 200), new byte[200 * 512], ScsiStatus.GOOD, null, null)
                .events();
        Path file = export(big, "big.pcapng");
        assertThat(TsharkReadBack.problems(file)).isEmpty();
        assertThat(Tshark.fields(file, "iscsi.opcode == 0x25", "iscsi.bufferOffset")).hasSize(8);
        assertThat(TsharkReadBack.comments(file, "iscsi.opcode == 0x01"))
                .anySatisfy(c -> assertThat(c).contains("data-in of 131072 bytes cut to the first 65536"))
                .anySatisfy(c -> assertThat(c).contains("data-out of 102400 bytes cut to the first 65536"));
        assertThat(TsharkReadBack.capturedStatuses(file)).containsExactly(0x00, 0x00);
    }

    @Test
    void logicalUnitResetIsATaskManagementRequestOnTheRequestersStream() throws IOException {
        List<TimelineEvent> reset = new ExportTimelines()
                .register(1, ExportTimelines.A, ExportTimelines.KEY_A)
                .event(new TimelineEvent.TaskManagement(2 * ExportTimelines.SECOND, "data", ExportTimelines.A,
                        TimelineEvent.TaskManagementKind.LOGICAL_UNIT_RESET))
                .events();
        Path file = export(reset, "reset.pcapng");
        assertThat(Tshark.fields(file, "iscsi.opcode == 0x02 || iscsi.opcode == 0x22", "iscsi.opcode", "tcp.stream"))
                .containsExactly(List.of("0x02", "0"), List.of("0x22", "0"));
        assertThat(TsharkReadBack.problems(file)).isEmpty();
    }

    @Test
    void everyPrOutActionAndTypeReadsBack() throws IOException {
        ExportTimelines t = new ExportTimelines();
        double s = 1;
        for (PrOutAction a : Set.of(PrOutAction.REGISTER, PrOutAction.RESERVE, PrOutAction.RELEASE, PrOutAction.CLEAR,
                PrOutAction.PREEMPT, PrOutAction.PREEMPT_AND_ABORT, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY))
            for (PrType type : PrType.values())
                t.command(s++, "data", ExportTimelines.B, Cdbs.persistentReserveOut(a, 0, type.code(), 24),
                        Cdbs.prOutParameters(ExportTimelines.KEY_B, ExportTimelines.KEY_A, false, false),
                        ScsiStatus.GOOD, null, null);
        t.command(s, "data", ExportTimelines.B, Cdbs.persistentReserveIn(PrInAction.READ_RESERVATION, 24), new byte[0],
                ScsiStatus.GOOD, null, new byte[8]);
        List<TimelineEvent> events = t.events();
        Path file = export(events, "actions.pcapng");
        assertThat(TsharkReadBack.capturedPrOut(file)).hasSize(42).isEqualTo(TsharkReadBack.expectedPrOut(events));
        assertThat(TsharkReadBack.problems(file)).isEmpty();
    }
}
