package dev.clusterlab.engine.capture;

import static dev.clusterlab.engine.capture.CaptureImportFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The comparison with a conforming logical unit, on hand-built captures. */
class CaptureComparisonTest {

    private static CaptureComparison.Report compare(Connection c) throws Exception {
        return CaptureComparison.compare(CaptureImport.read("t.pcap", pcap(c.link.type, c.frames, ByteOrder.LITTLE_ENDIAN, false)));
    }

    @Test
    void aConformingCaptureHasNoFindings() throws Exception {
        Connection c = new Connection(Link.ETHERNET).handshake();
        byte[][] p = session();
        for (int i = 0; i < p.length; i++) c.send(i % 2 == 0, p[i]);
        CaptureComparison.Report report = compare(c);
        assertThat(report.findings()).isEmpty();
        assertThat(report.compared()).isEqualTo(2);
    }

    @Test
    @DisplayName("SPC-4 §5.13.10: GOOD to READ RESERVATION without the reservation node-a made is a deviation, naming who reserved when")
    void readReservationWithoutTheReservationIsFlagged() throws Exception {
        Connection c = new Connection(Link.ETHERNET).handshake();
        c.send(true, loginRequest(INITIATOR, ISID, "None")).send(false, loginResponse(ISID, "None"));
        c.send(true, register(2, 0xA1, false)).send(false, good(2, false));
        c.send(true, reserve(3, 0xA1, 1)).send(false, good(3, false));
        c.send(true, readReservation(4)).send(false, noReservationDataIn(4, 1));
        CaptureComparison.Report report = compare(c);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(CaptureComparison.Kind.DEVIATION);
            assertThat(f.explanation()).contains("returned GOOD to READ RESERVATION but no reservation").contains("node-a's RESERVE");
            assertThat(f.clause()).contains("5.13.10");
        });
    }

    @Test
    @DisplayName("SPC-4 §5.13.9: GOOD to RESERVE with a key that is not the nexus's registered key is a deviation")
    void reserveWithTheWrongKeyAcceptedIsFlagged() throws Exception {
        Connection c = new Connection(Link.ETHERNET).handshake();
        c.send(true, loginRequest(INITIATOR, ISID, "None")).send(false, loginResponse(ISID, "None"));
        c.send(true, register(2, 0xA1, false)).send(false, good(2, false));
        c.send(true, reserve(3, 0xEE, 1)).send(false, good(3, false));
        CaptureComparison.Report report = compare(c);
        assertThat(report.of(CaptureComparison.Kind.DEVIATION)).singleElement().satisfies(f -> {
            assertThat(f.ours()).isEqualTo("RESERVATION CONFLICT");
            assertThat(f.explanation()).contains("RESERVATION KEY 0xee is not node-a's registered key 0xa1");
            assertThat(f.clause()).contains("5.13.9");
        });
    }

    @Test
    @DisplayName("SAM-5 §5.3.2: a unit attention reported instead of RESERVATION CONFLICT is a deviation; the wrong 2Ah/03h code is named too")
    void unitAttentionBeforeReservationConflictIsFlagged() throws Exception {
        Connection a = new Connection(Link.ETHERNET).handshake();
        a.send(true, loginRequest(INITIATOR, ISID, "None")).send(false, loginResponse(ISID, "None"));
        a.send(true, register(2, 0xA1, false)).send(false, good(2, false));
        a.send(true, reserve(3, 0xA1, 1)).send(false, good(3, false));
        Connection b = new Connection(Link.ETHERNET);
        b.clientPort = 40002;
        b.time = a.time;
        b.handshake();
        String nodeB = "iqn.2026-11.dev.clusterlab.test:node-b";
        b.send(true, loginRequest(nodeB, ISID + 1, "None")).send(false, loginResponse(ISID + 1, "None"));
        b.send(true, register(2, 0xB2, false)).send(false, good(2, false));
        b.send(true, preempt(3, 0xB2, 0xA1, 1)).send(false, good(3, false));
        a.time = b.time;
        a.send(true, write10(4)).send(false, checkCondition(4, 0x06, 0x2A, 0x03));
        List<Frame> frames = new java.util.ArrayList<>(a.frames);
        frames.addAll(b.frames);
        frames.sort(java.util.Comparator.comparingLong(Frame::timeMicros));
        CaptureComparison.Report report = CaptureComparison.compare(CaptureImport.read("two.pcap", pcap(1, frames, ByteOrder.LITTLE_ENDIAN, false)));
        assertThat(report.of(CaptureComparison.Kind.DEVIATION)).singleElement().satisfies(f -> {
            assertThat(f.nexus()).isEqualTo("node-a");
            assertThat(f.ours()).isEqualTo("RESERVATION CONFLICT");
            assertThat(f.explanation()).contains("instead of RESERVATION CONFLICT").contains("2Ah/03h");
            assertThat(f.clause()).contains("SAM-5 §5.3.2");
        });
    }
}
