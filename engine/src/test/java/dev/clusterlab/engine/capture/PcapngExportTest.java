package dev.clusterlab.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The export's frames and comments, read without Wireshark: checksums, sequence numbers, odd timelines. */
class PcapngExportTest {
    private static final long S = ExportTimelines.SECOND;

    private static PcapngBlocks export(List<TimelineEvent> events) throws IOException {
        return export(events, PcapngExport.DEFAULT_START);
    }

    private static PcapngBlocks export(List<TimelineEvent> events, Instant start) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapngExport.write(events, ExportTimelines.NAMES, out, start);
        return PcapngBlocks.parse(out.toByteArray());
    }

    private static ByteBuffer frame(PcapngBlocks.Block packet) { return ByteBuffer.wrap(packet.packet()); }

    private static List<String> allComments(PcapngBlocks blocks) {
        List<String> c = new ArrayList<>();
        for (PcapngBlocks.Block b : blocks.packets()) c.addAll(b.comments());
        return c;
    }

    @Test
    void ipv4HeaderChecksumsVerify() throws IOException {
        // RFC 791 §3.1: the ones' complement sum over the header, checksum included, is 0xFFFF.
        assertThat(export(ExportTimelines.fight()).packets()).allSatisfy(p ->
                assertThat(SyntheticConnection.checksum(p.packet(), 14, 20, 0)).isZero());
    }

    @Test
    void tcpChecksumsVerifyOverThePseudoHeader() throws IOException {
        assertThat(export(ExportTimelines.fight()).packets()).allSatisfy(p -> {
            ByteBuffer f = frame(p);
            int tcpLength = Short.toUnsignedInt(f.getShort(16)) - 20;
            int pseudo = f.getShort(26) & 0xFFFF;
            pseudo += f.getShort(28) & 0xFFFF;
            pseudo += f.getShort(30) & 0xFFFF;
            pseudo += f.getShort(32) & 0xFFFF;
            pseudo += 6 + tcpLength;
            assertThat(SyntheticConnection.checksum(p.packet(), 34, tcpLength, pseudo)).isZero();
        });
    }

    @Test
    void eachSegmentStartsWhereTheSenderLeftOffAndAcknowledgesAllThePeerSent() throws IOException {
        Map<String, Long> nextSeq = new HashMap<>();
        for (PcapngBlocks.Block p : export(ExportTimelines.fight()).packets()) {
            ByteBuffer f = frame(p);
            int ipLength = Short.toUnsignedInt(f.getShort(16));
            int src = Short.toUnsignedInt(f.getShort(34)), dst = Short.toUnsignedInt(f.getShort(36));
            long seq = Integer.toUnsignedLong(f.getInt(38)), ack = Integer.toUnsignedLong(f.getInt(42));
            int headerLength = ((f.get(46) & 0xF0) >>> 4) * 4;
            int flags = f.get(47) & 0xFF;
            String me = src + ">" + dst, peer = dst + ">" + src;
            if (nextSeq.containsKey(me)) assertThat(seq).as(me).isEqualTo(nextSeq.get(me));
            if ((flags & SyntheticConnection.ACK) != 0) assertThat(ack).as(me).isEqualTo(nextSeq.get(peer));
            int payload = ipLength - 20 - headerLength;
            nextSeq.put(me, seq + payload + ((flags & SyntheticConnection.SYN) != 0 ? 1 : 0) & 0xFFFF_FFFFL);
        }
        assertThat(nextSeq).hasSize(4); // two connections, two directions each
    }

    @Test
    void eachNexusHasItsOwnInitiatorPortAndEveryConnectionGoesToPort3260() throws IOException {
        Set<Integer> sourcePorts = new HashSet<>();
        for (PcapngBlocks.Block p : export(ExportTimelines.fight()).packets()) {
            int src = Short.toUnsignedInt(frame(p).getShort(34)), dst = Short.toUnsignedInt(frame(p).getShort(36));
            assertThat(src == 3260 || dst == 3260).isTrue();
            sourcePorts.add(src == 3260 ? dst : src);
        }
        assertThat(sourcePorts).hasSize(2);
    }

    @Test
    void packetTimesNeverGoBackwardsAndSharedInstantsAreOneMicrosecondApart() throws IOException {
        List<PcapngBlocks.Block> packets = export(ExportTimelines.fight()).packets();
        for (int i = 1; i < packets.size(); i++)
            assertThat(packets.get(i).timestamp() - packets.get(i - 1).timestamp()).isGreaterThanOrEqualTo(1_000);
        long start = PcapngExport.DEFAULT_START.getEpochSecond() * S;
        assertThat(packets.get(0).timestamp()).isEqualTo(start + S); // the first command is at 1 s
    }

    @Test
    void aGivenStartShiftsEveryPacketTime() throws IOException {
        Instant start = Instant.parse("2030-05-06T07:08:09.5Z");
        List<PcapngBlocks.Block> packets = export(ExportTimelines.fight(), start).packets();
        assertThat(packets.get(0).timestamp()).isEqualTo(start.getEpochSecond() * S + 500_000_000L + S);
    }

    @Test
    void emptyTimelineIsAValidCaptureWithNoPackets() throws IOException {
        PcapngBlocks blocks = export(List.of());
        assertThat(blocks.blocks()).extracting(PcapngBlocks.Block::type)
                .containsExactly(PcapngWriter.SECTION_HEADER, PcapngWriter.INTERFACE_DESCRIPTION);
    }

    @Test
    void timelineWithoutCommandsTellsItsStoryOnTheSectionHeader() throws IOException {
        PcapngBlocks blocks = export(List.of(new TimelineEvent.NodeStateChanged(3 * S, "node-a", NodeState.UP, NodeState.DOWN)));
        assertThat(blocks.packets()).isEmpty();
        assertThat(blocks.blocks().get(0).comments()).anySatisfy(c -> assertThat(c).contains("[3.000000 s] node-a: is down"));
    }

    @Test
    void clusterEventsAfterTheLastPacketRideOnTheLastPacket() throws IOException {
        List<TimelineEvent> events = new ExportTimelines().register(1, ExportTimelines.A, ExportTimelines.KEY_A)
                .event(new TimelineEvent.NodeStateChanged(9 * S, "node-b", NodeState.UP, NodeState.DOWN)).events();
        List<PcapngBlocks.Block> packets = export(events).packets();
        assertThat(packets.get(packets.size() - 1).comments()).anySatisfy(c -> assertThat(c).contains("node-b: is down"));
    }

    @Test
    void commandWithoutANexusWritesNoPacketsButItsStoryBecomesAComment() throws IOException {
        List<TimelineEvent> events = new ExportTimelines()
                .command(1, "data", null, Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 16), new byte[0],
                        ScsiStatus.RESERVATION_CONFLICT, null, null)
                .register(2, ExportTimelines.B, ExportTimelines.KEY_B).events();
        PcapngBlocks blocks = export(events);
        assertThat(blocks.packets()).hasSize(7); // handshake, login pair, the REGISTER and its response
        assertThat(allComments(blocks)).anySatisfy(c -> assertThat(c).contains("the target: PR IN READ KEYS"));
    }

    @Test
    void commandStillRunningWhenTheTimelineEndsIsWrittenWithANote() throws IOException {
        PcapngBlocks blocks = export(List.of(new TimelineEvent.CommandStarted(S, "data", ExportTimelines.A, 1,
                Cdbs.testUnitReady(), new byte[0])));
        assertThat(blocks.packets()).hasSize(6);
        assertThat(allComments(blocks)).anySatisfy(c -> assertThat(c).contains("ends before this command completes"));
    }

    @Test
    void completionWithoutAStartIsToldButWritesNoResponse() throws IOException {
        PcapngBlocks blocks = export(List.of(
                new TimelineEvent.CommandCompleted(S, "data", ExportTimelines.A, 9, ScsiStatus.GOOD, null, null)));
        assertThat(blocks.packets()).isEmpty();
    }

    @Test
    void unnamedLogicalUnitNullDataAndShortCdbDoNotStopTheExport() throws IOException {
        List<TimelineEvent> events = List.of(
                new TimelineEvent.CommandStarted(S, null, ExportTimelines.A, 1, new byte[] {0x12}, null),
                new TimelineEvent.CommandCompleted(S, null, ExportTimelines.A, 1, null, null, null));
        assertThat(export(events).packets()).hasSize(7);
    }

    @Test
    void eachLogicalUnitGetsItsOwnLunInOrderOfAppearance() throws IOException {
        List<TimelineEvent> events = new ExportTimelines()
                .command(1, "data", ExportTimelines.A, Cdbs.testUnitReady(), new byte[0], ScsiStatus.GOOD, null, null)
                .command(2, "witness", ExportTimelines.A, Cdbs.testUnitReady(), new byte[0], ScsiStatus.GOOD, null, null)
                .events();
        List<Long> luns = new ArrayList<>();
        for (PcapngBlocks.Block p : export(events).packets()) {
            ByteBuffer f = frame(p);
            if (f.limit() >= 54 + 48 && (f.get(54) & 0x3F) == 0x01) luns.add(f.getLong(54 + 8));
        }
        assertThat(luns).containsExactly(0L, 1L << 48);
    }

    @Test
    void nexusOfAFibreChannelPortStillLogsInWithAnIscsiName() throws IOException {
        ItNexus fc = new ItNexus(dev.clusterlab.engine.scsi.InitiatorPort.fc(0x21000024ff000001L), ExportTimelines.TARGET);
        PcapngBlocks blocks = export(List.of(new TimelineEvent.CommandStarted(S, "data", fc, 1, Cdbs.testUnitReady(), new byte[0])));
        byte[] login = blocks.packets().get(3).packet();
        String text = new String(login, 54 + 48, login.length - 54 - 48, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("InitiatorName=iqn.2026-01.dev.clusterlab:fc.0x21000024ff000001");
    }

    @Test
    void eachTargetPortIsItsOwnPortalAddress() throws IOException {
        ItNexus secondPath = new ItNexus(ExportTimelines.NODE_A,
                new dev.clusterlab.engine.scsi.TargetPort(2, "iqn.2026-11.dev.clusterlab:san,t,0x0002", 2));
        List<TimelineEvent> events = new ExportTimelines()
                .command(1, "data", ExportTimelines.A, Cdbs.testUnitReady(), new byte[0], ScsiStatus.GOOD, null, null)
                .command(2, "data", secondPath, Cdbs.testUnitReady(), new byte[0], ScsiStatus.GOOD, null, null)
                .events();
        Set<Integer> targetAddresses = new HashSet<>();
        Set<Integer> initiatorAddresses = new HashSet<>();
        for (PcapngBlocks.Block p : export(events).packets()) {
            ByteBuffer f = frame(p);
            if (Short.toUnsignedInt(f.getShort(36)) != 3260) continue; // initiator -> target segments only
            initiatorAddresses.add(f.getInt(26));
            targetAddresses.add(f.getInt(30));
        }
        assertThat(targetAddresses).hasSize(2);
        assertThat(initiatorAddresses).hasSize(1); // one node, one host address
    }
}
