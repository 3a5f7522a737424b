package dev.clusterlab.engine.capture;

import static dev.clusterlab.engine.capture.CaptureImportFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Import of hand-built captures: framing, reassembly and the rebuilt SCSI story. */
class CaptureImportTest {

    private static CaptureImport.Result importPcap(Connection c) throws Exception {
        return CaptureImport.read("test.pcap", pcap(c.link.type, c.frames, ByteOrder.LITTLE_ENDIAN, false));
    }

    private static Connection plainSession(Link link) {
        Connection c = new Connection(link).handshake();
        byte[][] pdus = session();
        for (int i = 0; i < pdus.length; i++) c.send(i % 2 == 0, pdus[i]);
        return c;
    }

    private static void assertRegisterThenReadKeys(CaptureImport.Result r) {
        assertThat(r.nexuses()).hasSize(1);
        assertThat(r.nexuses().get(0).nexus().initiator()).isEqualTo(InitiatorPort.iscsi(INITIATOR, ISID));
        assertThat(r.nexuses().get(0).nexus().target().name()).isEqualTo(TARGET + ",t,0x0001");
        assertThat(r.commands()).extracting(c -> c.cdb()[0] & 0xFF).containsExactly(0x5F, 0x5E);
        assertThat(r.commands()).extracting(ImportedCommand::status).containsExactly(ScsiStatus.GOOD, ScsiStatus.GOOD);
        assertThat(r.commands().get(0).dataOut()).hasSize(24);
        assertThat(r.commands().get(1).dataIn()).hasSize(16);
        assertThat(r.commands().get(1).residual()).isEqualTo(512 - 16);
        assertThat(r.commands()).extracting(ImportedCommand::lu).containsOnly(TARGET + "/0");
    }

    @Test
    void ethernetPcapGivesTheNexusAndTheCommandSequence() throws Exception {
        CaptureImport.Result r = importPcap(plainSession(Link.ETHERNET));
        assertRegisterThenReadKeys(r);
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void timelineHasStartedAndCompletedEventsRelativeToTheFirstPacket() throws Exception {
        CaptureImport.Result r = importPcap(plainSession(Link.ETHERNET));
        List<TimelineEvent> events = r.trace().events();
        assertThat(events).filteredOn(e -> e instanceof TimelineEvent.CommandStarted).hasSize(2);
        assertThat(events).filteredOn(e -> e instanceof TimelineEvent.CommandCompleted).hasSize(2);
        assertThat(events.get(0).time()).isGreaterThan(0).isLessThan(1_000_000_000L);
        assertThat(r.trace().problem()).isNull();
    }

    @Test
    @DisplayName("Linux cooked captures (tcpdump -i any: SLL and SLL2), loopback NULL and raw IP are read")
    void otherLinkTypesAreRead() throws Exception {
        for (Link link : new Link[] {Link.SLL, Link.SLL2, Link.NULL, Link.RAW}) assertRegisterThenReadKeys(importPcap(plainSession(link)));
    }

    @Test
    void ipv6OverLoopbackWithAHopByHopHeaderIsRead() throws Exception {
        Connection v4 = plainSession(Link.ETHERNET);
        List<Frame> frames = new java.util.ArrayList<>();
        for (Frame f : v4.frames) {
            byte[] ip = java.util.Arrays.copyOfRange(f.bytes(), 14, f.bytes().length);
            frames.add(new Frame(f.timeMicros(), concat(new byte[] {24, 0, 0, 0}, ipv6(ip)))); // NULL link type, AF_INET6 = 24 (BSD)
        }
        CaptureImport.Result r = CaptureImport.read("v6.pcap", pcap(0, frames, ByteOrder.LITTLE_ENDIAN, false));
        assertRegisterThenReadKeys(r);
        assertThat(r.nexuses().get(0).portal()).isEqualTo("[::2]:3260");
    }

    /** The IPv4 packet's TCP segment in an IPv6 packet from ::1 or ::2 with an empty hop-by-hop options header. */
    private static byte[] ipv6(byte[] ipv4) {
        byte[] tcp = java.util.Arrays.copyOfRange(ipv4, 20, ipv4.length);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(40 + 8 + tcp.length);
        b.putInt(0x6000_0000).putShort((short) (8 + tcp.length)).put((byte) 0).put((byte) 64);
        b.put(new byte[15]).put((byte) (ipv4[15] == 1 ? 1 : 2)).put(new byte[15]).put((byte) (ipv4[19] == 1 ? 1 : 2));
        b.put((byte) 6).put((byte) 0).put(new byte[6]); // hop-by-hop: next header TCP, length 0 (8 bytes), PadN
        b.put(tcp);
        return b.array();
    }

    @Test
    void pcapInBothByteOrdersAndNanosecondsIsRead() throws Exception {
        Connection c = plainSession(Link.ETHERNET);
        assertRegisterThenReadKeys(CaptureImport.read("be.pcap", pcap(1, c.frames, ByteOrder.BIG_ENDIAN, true)));
        assertRegisterThenReadKeys(CaptureImport.read("le.pcap", pcap(1, c.frames, ByteOrder.LITTLE_ENDIAN, true)));
    }

    @Test
    void pcapngWithSeveralInterfacesIsRead() throws Exception {
        Connection eth = plainSession(Link.ETHERNET);
        Connection sll = plainSession(Link.SLL);
        // Alternate the frames between an Ethernet and a cooked interface: the same connection seen on both.
        List<Frame> frames = new java.util.ArrayList<>();
        int[] interfaceOf = new int[eth.frames.size()];
        for (int i = 0; i < eth.frames.size(); i++) {
            frames.add(i % 2 == 0 ? eth.frames.get(i) : sll.frames.get(i));
            interfaceOf[i] = i % 2;
        }
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            CaptureImport.Result r = CaptureImport.read("t.pcapng", pcapng(order, new int[] {1, 113}, frames, interfaceOf));
            assertRegisterThenReadKeys(r);
            assertThat(r.format()).isEqualTo("pcapng");
        }
    }

    @Test
    void retransmittedSegmentsAreDroppedWithANote() throws Exception {
        Connection c = new Connection(Link.ETHERNET).handshake();
        byte[][] pdus = session();
        for (int i = 0; i < pdus.length; i++) {
            int seq = i % 2 == 0 ? c.clientSeq : c.serverSeq;
            c.send(i % 2 == 0, pdus[i]);
            c.frames.add(c.frame(i % 2 == 0, seq, TcpSegment.ACK, pdus[i])); // the same segment again
        }
        CaptureImport.Result r = importPcap(c);
        assertRegisterThenReadKeys(r);
        assertThat(r.notes()).anyMatch(n -> n.contains("retransmitted"));
    }

    @Test
    void outOfOrderSegmentsArePutInOrder() throws Exception {
        Connection c = new Connection(Link.ETHERNET).handshake();
        byte[][] pdus = session();
        for (int i = 0; i < pdus.length; i++) c.send(i % 2 == 0, pdus[i], 2);
        // swap the two halves of the REGISTER command (frames 2+2*2 and 2+2*2+1)
        Frame a = c.frames.get(6), b = c.frames.get(7);
        c.frames.set(6, b);
        c.frames.set(7, a);
        assertRegisterThenReadKeys(importPcap(c));
    }

    @Test
    void aPduSplitAcrossThreeSegmentsIsReassembled() throws Exception {
        Connection c = new Connection(Link.ETHERNET).handshake();
        byte[][] pdus = session();
        for (int i = 0; i < pdus.length; i++) c.send(i % 2 == 0, pdus[i], 3);
        assertRegisterThenReadKeys(importPcap(c));
    }

    @Test
    void twoPdusInOneSegmentAreBothRead() throws Exception {
        Connection c = new Connection(Link.ETHERNET).handshake();
        byte[][] p = session();
        c.send(true, p[0]).send(false, p[1]).send(true, concat(p[2], p[4])).send(false, concat(p[3], p[5]));
        assertRegisterThenReadKeys(importPcap(c));
    }

    @Test
    void taskManagementAndLogoutBecomeTimelineEvents() throws Exception {
        Connection c = new Connection(Link.ETHERNET).handshake();
        byte[][] p = session();
        for (int i = 0; i < p.length; i++) c.send(i % 2 == 0, p[i]);
        c.send(true, encode(new dev.clusterlab.engine.iscsi.pdu.Pdu.TaskManagementRequest(true, 5, 0, 9, -1, 4, 4, 0, 0)));
        c.send(false, encode(new dev.clusterlab.engine.iscsi.pdu.Pdu.TaskManagementResponse(0, 9, 4, 5, 64)));
        c.send(true, encode(new dev.clusterlab.engine.iscsi.pdu.Pdu.LogoutRequest(true, 0, 10, 0, 5, 5)));
        c.send(false, encode(new dev.clusterlab.engine.iscsi.pdu.Pdu.LogoutResponse(0, 10, 5, 6, 64, 0, 0)));
        CaptureImport.Result r = importPcap(c);
        assertThat(r.events()).filteredOn(e -> e instanceof TimelineEvent.TaskManagement)
                .extracting(e -> ((TimelineEvent.TaskManagement) e).kind())
                .containsExactly(TimelineEvent.TaskManagementKind.LOGICAL_UNIT_RESET, TimelineEvent.TaskManagementKind.I_T_NEXUS_LOSS);
        // after the reset a conforming LU owes the nexus 29h/03h, which the capture never shows: no command follows, so no finding
        assertThat(CaptureComparison.compare(r).findings()).isEmpty();
    }

    @Test
    void aGapEndsTheStreamWithANote() throws Exception {
        Connection c = new Connection(Link.ETHERNET).handshake();
        byte[][] p = session();
        c.send(true, p[0]).send(false, p[1]).send(true, p[2]).send(false, p[3]);
        c.clientSeq += p[4].length; // READ KEYS was lost by the capture
        c.send(true, register(4, 0xB2, false)).send(false, p[5]);
        CaptureImport.Result r = importPcap(c);
        assertThat(r.commands()).hasSize(1);
        assertThat(r.notes()).anyMatch(n -> n.contains("gap") && n.contains("lost segment"));
    }

    @Test
    void digestsNegotiatedAtLoginAreHonoured() throws Exception {
        Connection c = new Connection(Link.ETHERNET).handshake();
        c.send(true, loginRequest(INITIATOR, ISID, "CRC32C")).send(false, loginResponse(ISID, "CRC32C"));
        c.send(true, register(2, 0xA1, true)).send(false, good(2, true));
        CaptureImport.Result r = importPcap(c);
        assertThat(r.commands()).hasSize(1);
        assertThat(r.commands().get(0).status()).isEqualTo(ScsiStatus.GOOD);
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void aCaptureStartingMidConnectionIsFramedFromTheFirstPduBoundary() throws Exception {
        Connection c = new Connection(Link.ETHERNET);
        byte[] reg = register(2, 0xA1, false);
        c.send(true, java.util.Arrays.copyOfRange(reg, 30, reg.length)); // the tail of an earlier PDU
        c.send(false, good(2, false));
        c.send(true, readKeys(3, false)).send(false, keysDataIn(3, 1, 0xA1));
        c.send(true, register(4, 0xB2, false)).send(false, good(4, false));
        CaptureImport.Result r = importPcap(c);
        assertThat(r.commands()).extracting(cmd -> cmd.cdb()[0] & 0xFF).containsExactly(0x5E, 0x5F);
        assertThat(r.notes()).anyMatch(n -> n.contains("mid-connection"));
        assertThat(r.nexuses().get(0).loginSeen()).isFalse();
    }

    @Test
    void aTruncatedFileGivesThePacketsBeforeTheDamageAndSaysWhere() throws Exception {
        byte[] whole = pcap(1, plainSession(Link.ETHERNET).frames, ByteOrder.LITTLE_ENDIAN, false);
        CaptureImport.Result r = CaptureImport.read("cut.pcap", java.util.Arrays.copyOf(whole, whole.length - 20));
        assertThat(r.notes().get(0)).contains("truncated");
        assertThat(r.commands()).extracting(ImportedCommand::answered).containsExactly(true, false);
        assertThat(r.trace().problem()).contains("truncated");
    }

    @Test
    void garbageIsRefusedWithOneLine() {
        assertThatThrownBy(() -> CaptureImport.read("junk.bin", "this is not a capture at all".getBytes()))
                .isInstanceOf(CaptureImport.CaptureImportException.class).hasMessageContaining("not a pcap or pcapng").hasMessageNotContaining("\n");
    }

    @Test
    void aCaptureWithoutIscsiIsRefusedWithOneLine() {
        Connection c = new Connection(Link.ETHERNET).handshake();
        c.send(true, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes()).send(false, "HTTP/1.1 200 OK\r\n\r\nhello".getBytes());
        assertThatThrownBy(() -> importPcap(c)).isInstanceOf(CaptureImport.CaptureImportException.class).hasMessageContaining("no iSCSI");
    }

    @Test
    void nonTcpTrafficIsRefusedWithOneLine() {
        byte[] udp = ipv4Tcp("10.0.0.1", "10.0.0.2", 53, 53, 0, 0, new byte[8]);
        udp[9] = 17; // UDP
        byte[] file = pcap(101, List.of(new Frame(1, udp)), ByteOrder.LITTLE_ENDIAN, false);
        assertThatThrownBy(() -> CaptureImport.read("udp.pcap", file)).isInstanceOf(CaptureImport.CaptureImportException.class)
                .hasMessageContaining("no TCP traffic");
    }
}
