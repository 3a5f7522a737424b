package dev.clusterlab.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.TransportId;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LabCommandParserTest {
    private final LabCommandParser parser = new LabCommandParser();

    @Test
    void longOptionsBuildTheSameCdbAndParametersAsSgPersist() throws Exception {
        LabCommand c = parser.parse("node-b --preempt-abort --param-rk=0xB1 --param-sark=a1 --prout-type=5");
        assertThat(c.node()).isEqualTo("node-b");
        assertThat(c.kind()).isEqualTo(LabCommand.Kind.PR_OUT);
        assertThat(c.request().cdb()).isEqualTo(Cdbs.persistentReserveOut(PrOutAction.PREEMPT_AND_ABORT, 0, 5, 24));
        assertThat(c.request().dataOut()).isEqualTo(Cdbs.prOutParameters(0xB1, 0xA1, false, false));
    }

    @Test
    void shortOptionsMatchLongOnes() throws Exception {
        LabCommand s = parser.parse("node-b -o -A -K b1 -S a1 -T 5");
        LabCommand l = parser.parse("node-b --out --preempt-abort --param-rk=b1 --param-sark=a1 --prout-type=5");
        assertThat(s.request().cdb()).isEqualTo(l.request().cdb());
        assertThat(s.request().dataOut()).isEqualTo(l.request().dataOut());
    }

    @Test
    void keysAreHexEvenWithoutPrefixAsInSgPersist() throws Exception {
        LabCommand c = parser.parse("node-a -o -I -S 12345678");
        assertThat(Bytes.u64(c.request().dataOut(), 8)).isEqualTo(0x12345678L);
    }

    @Test
    void prInActionsCarryAnAllocationLength() throws Exception {
        LabCommand c = parser.parse("node-a --read-full-status --alloc-length=100");
        assertThat(c.kind()).isEqualTo(LabCommand.Kind.PR_IN);
        assertThat(c.request().cdb()).isEqualTo(Cdbs.persistentReserveIn(PrInAction.READ_FULL_STATUS, 100));
        assertThat(c.request().dataInCapacity()).isEqualTo(100);
    }

    @Test
    void specIptTransportIdsAndFlagsGoIntoTheParameterList() throws Exception {
        LabCommand c = parser.parse("node-a --register --param-sark=1 --param-aptpl --param-alltgpt --transport-id=iqn.x:b,i,0x2");
        byte[] p = c.request().dataOut();
        assertThat(p[20] & 0x0D).isEqualTo(0x0D);
        assertThat(TransportId.decode(p, 28, p.length - 28)).isEqualTo(TransportId.Iscsi.port("iqn.x:b", 2));
    }

    @Test
    void registerAndMoveNeedsADestination() {
        assertThatThrownBy(() -> parser.parse("node-a --register-move --param-rk=1 --param-sark=2"))
                .isInstanceOf(CommandSyntaxException.class).hasMessageContaining("--transport-id");
    }

    @Test
    void pathSuffixSelectsTheNodesPath() throws Exception {
        LabCommand c = parser.parse("node-a/p2 tur");
        assertThat(c.node()).isEqualTo("node-a");
        assertThat(c.path()).isEqualTo("p2");
    }

    @Test
    void errorsPointAtTheOffendingColumn() {
        assertThatThrownBy(() -> parser.parse("node-a --register --bogus"))
                .isInstanceOfSatisfying(CommandSyntaxException.class, e -> assertThat(e.column()).isEqualTo(19));
        assertThatThrownBy(() -> parser.parse("node-a --reserve --prout-type=x"))
                .isInstanceOfSatisfying(CommandSyntaxException.class, e -> assertThat(e.column()).isEqualTo(18));
        assertThatThrownBy(() -> parser.parse("  --read-keys"))
                .isInstanceOfSatisfying(CommandSyntaxException.class, e -> assertThat(e.column()).isEqualTo(3));
    }

    @Test
    void twoServiceActionsAreRejected() {
        assertThatThrownBy(() -> parser.parse("node-a --register --reserve"))
                .isInstanceOf(CommandSyntaxException.class).hasMessageContaining("only one service action");
    }

    @Test
    void rawCdbPassesAnyBytes() throws Exception {
        LabCommand c = parser.parse("node-a raw cdb=5E03000000000000FF00");
        assertThat(c.request().cdb()).isEqualTo(Cdbs.persistentReserveIn(3, 0xFF));
    }

    @Property
    void anyInputEitherParsesOrGivesAColumnInsideTheLine(@ForAll String line) {
        try {
            parser.parse(line);
        } catch (CommandSyntaxException e) {
            assertThat(e.column()).isBetween(1, line.length() + 1);
        }
    }
}
