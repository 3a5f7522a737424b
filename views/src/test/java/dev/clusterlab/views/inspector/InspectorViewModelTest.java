package dev.clusterlab.views.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.decode.DecodedField;
import dev.clusterlab.views.sequence.KeysOnTheDemo;
import dev.clusterlab.views.sequence.SequenceRow;
import dev.clusterlab.views.sequence.SequenceViewModel;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The inspector decodes the selected command field by field (SPC-4 §6.16 PR OUT CDB and parameter list). */
class InspectorViewModelTest {
    private static final long S = 1_000_000_000L;

    private final LabSession session = LabSession.open(ScenarioSource.demo());
    private final SequenceViewModel sequence = new SequenceViewModel(session);
    private final InspectorViewModel inspector = new InspectorViewModel();

    private SequenceRow.Command preemptAt25s() {
        session.advanceTo(25 * S);
        sequence.showUpTo(session.cursor());
        return sequence.findCommand("node-b", "data", "PR OUT PREEMPT");
    }

    @Test
    void thePreemptShowsItsServiceActionInCdbByte1Bits0To4() {
        inspector.show(preemptAt25s());
        DecodedField sa = inspector.find("Service action");
        assertThat(sa.value()).contains("PREEMPT");
        assertThat(sa.offset()).isEqualTo(1);
        assertThat(InspectorViewModel.position(sa)).isEqualTo("[1].0-4");
        assertThat(inspector.title()).contains("node-b").contains("data").contains("PR OUT PREEMPT").endsWith("-> GOOD");
    }

    @Test
    void thePreemptShowsNodeAsKeyAsTheServiceActionReservationKeyInBytes8To15() {
        long nodeAKey = KeysOnTheDemo.nodeAKey(session);
        inspector.show(preemptAt25s());
        assertThat(inspector.sections()).hasSize(2); // CDB and parameter list; GOOD, so no sense
        DecodedField sark = inspector.sections().get(1).find("Service action reservation key");
        assertThat(sark.numeric()).isEqualTo(OptionalLong.of(nodeAKey));
        assertThat(sark.offset()).isEqualTo(8);
        assertThat(sark.length()).isEqualTo(8);
        assertThat(InspectorViewModel.position(sark)).isEqualTo("[8-15]");
        assertThat(InspectorViewModel.hex(sark)).isEqualTo(String.format("%016X", nodeAKey).replaceAll("(..)(?!$)", "$1 "));
    }

    @Test
    void aGoodPrInReadKeysAlsoShowsItsResponse() {
        session.advanceTo(25 * S);
        sequence.showUpTo(session.cursor());
        inspector.show(sequence.findCommand("node-b", "data", "PR IN READ KEYS"));
        assertThat(inspector.sections()).hasSize(2);
        DecodedField generation = inspector.sections().get(1).find("PRgeneration");
        assertThat(generation.offset()).isZero();
        assertThat(generation.length()).isEqualTo(4);
        assertThat(inspector.sections().get(1).find("Reservation keys").value()).isEqualTo("2 registered"); // node-b's two paths
    }

    @Test
    void nothingSelectedShowsNothing() {
        inspector.show(preemptAt25s());
        inspector.show(null);
        assertThat(inspector.sections()).isEmpty();
        assertThat(inspector.title()).isEqualTo(InspectorViewModel.NOTHING);
    }

    @Test
    void theRegistrantTableOfDataAtTwentyFiveSecondsHasNodeBsTwoPathsWithTheHolderMarked() {
        session.advanceTo(25 * S);
        inspector.showDisk("data", session.cursor(), session.frame().disks().reservation("data"), session::describe);
        assertThat(inspector.registrants()).hasSize(2).allSatisfy(r -> assertThat(r.nexus()).startsWith("node-b/"));
        assertThat(inspector.registrants()).filteredOn(RegistrantRow::holder).hasSize(1); // type 5: one holder (SPC-4 §5.14.10.1)
        assertThat(inspector.diskTitle()).contains("data").contains("type 5 (WERO)");
        inspector.showDisk(null, 0, null, session::describe);
        assertThat(inspector.registrants()).isEmpty();
    }
}
