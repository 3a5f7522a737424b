package dev.clusterlab.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The bundle report's pieces: holders in words, command names for grouping, and a page that is well-formed markup. */
class BundleReportTest {
    private static final InitiatorPort A1 = InitiatorPort.iscsi("iqn.x:node-a", 1), A2 = InitiatorPort.iscsi("iqn.x:node-a", 2);
    private static final InitiatorPort B1 = InitiatorPort.iscsi("iqn.x:node-b", 1);
    private static final Function<InitiatorPort, String> NAMES = p -> p == A1 ? "node-a/p1" : p == A2 ? "node-a/p2" : "node-b/p1";
    private static final TargetPort T = new TargetPort(1, "t", 1);

    @Test
    void anAllRegistrantsReservationNamesEveryHoldingNodeWithItsPathsAndKeys() {
        ReservationSnapshot s = new ReservationSnapshot(3, List.of(new ReservationSnapshot.Registrant(A1, null, 0xa, true),
                new ReservationSnapshot.Registrant(A2, null, 0xa, true), new ReservationSnapshot.Registrant(B1, null, 0xb, true)), 8, 0, null, false);
        assertThat(SessionFacts.holderOf(s, NAMES)).isEqualTo("node-a (p1, p2), node-b (p1), Exclusive Access, all registrants, key 0xa, 0xb");
    }

    @Test
    void aScsi2ReserveAndAnUnreservedDiskAreToldAsSuch() {
        ReservationSnapshot spc2 = new ReservationSnapshot(0, List.of(), 0, 0, new ItNexus(B1, T), false);
        assertThat(SessionFacts.holderOf(spc2, NAMES)).isEqualTo("SCSI-2 RESERVE by node-b/p1");
        ReservationSnapshot none = new ReservationSnapshot(1, List.of(new ReservationSnapshot.Registrant(A1, null, 0xa, false)), 0, 0, null, false);
        assertThat(SessionFacts.holderOf(none, NAMES)).isEqualTo("not reserved (1 registration)");
    }

    @Test
    void failuresGroupByTheCommandsNameWithoutItsFields() {
        assertThat(SessionFacts.commandName("WRITE(10) lba=7 len=1")).isEqualTo("WRITE(10)");
        assertThat(SessionFacts.commandName("PR OUT PREEMPT AND ABORT rk=0xb sark=0xa type=5 (WERO)")).isEqualTo("PR OUT PREEMPT AND ABORT");
        assertThat(SessionFacts.commandName("TEST UNIT READY")).isEqualTo("TEST UNIT READY");
    }

    @Test
    void theReportOfTheLossyHangIsWellFormedMarkupWithEverySection() throws Exception {
        LoadedSession loaded = LoadedSession.load("kvm-hang-lossy", null, false);
        String html = SessionReport.html(loaded, SessionFacts.of(loaded.session()), Map.of("a<b>.txt", "x & y"));
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(html).contains("id=\"story\"", "id=\"owners\"", "id=\"failures\"", "id=\"integrity\"", "id=\"nodes\"", "id=\"contents\"")
                .contains("<code>a&lt;b&gt;.txt</code>: x &amp; y")
                .doesNotContain("<script", "http://", "https://"); // self-contained: nothing to fetch, nothing to run
    }
}
