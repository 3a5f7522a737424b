package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CmdSN ordering, RFC 7143 §4.2.2.1, with serial arithmetic across the 2^32 wrap. */
class CommandWindowTest {
    private final List<Integer> ran = new ArrayList<>();

    private static Pdu cmd(int itt) { return new Pdu.NopOut(false, 0, itt, Pdu.RESERVED_TAG, 0, 0, Pdu.NO_DATA); }

    private void offer(CommandWindow w, int cmdSn) { w.offer(cmd(cmdSn), false, cmdSn, p -> ran.add(p.itt())); }

    @Test
    @DisplayName("§4.2.2.1: MaxCmdSN = ExpCmdSN + depth - 1; in-order commands run at once and advance ExpCmdSN")
    void inOrder() {
        CommandWindow w = new CommandWindow(10, 4);
        assertThat(w.maxCmdSn()).isEqualTo(13);
        offer(w, 10);
        offer(w, 11);
        assertThat(ran).containsExactly(10, 11);
        assertThat(w.expCmdSn()).isEqualTo(12);
    }

    @Test
    @DisplayName("§4.2.2.1: a later command waits for the gap and then everything runs in CmdSN order")
    void gapFills() {
        CommandWindow w = new CommandWindow(10, 4);
        offer(w, 12);
        offer(w, 11);
        assertThat(ran).isEmpty();
        offer(w, 10);
        assertThat(ran).containsExactly(10, 11, 12);
    }

    @Test
    @DisplayName("§4.2.2.1: CmdSN below ExpCmdSN or above MaxCmdSN is ignored")
    void outsideWindowIgnored() {
        CommandWindow w = new CommandWindow(10, 4);
        offer(w, 9);
        offer(w, 14);
        offer(w, 10);
        assertThat(ran).containsExactly(10);
        assertThat(w.expCmdSn()).isEqualTo(11);
    }

    @Test
    @DisplayName("§3.2.2.1: immediate commands run on arrival and do not advance ExpCmdSN")
    void immediate() {
        CommandWindow w = new CommandWindow(10, 4);
        w.offer(cmd(99), true, 10, p -> ran.add(p.itt()));
        assertThat(ran).containsExactly(99);
        assertThat(w.expCmdSn()).isEqualTo(10);
    }

    @Test
    @DisplayName("§11.5.1: aborting a CmdSN that has not arrived consumes it when its turn comes")
    void abortNotArrived() {
        CommandWindow w = new CommandWindow(10, 4);
        assertThat(w.abortNotRun(11, p -> ran.add(p.itt()))).isTrue();
        offer(w, 10);
        offer(w, 11);
        offer(w, 12);
        assertThat(ran).containsExactly(10, 12);
        assertThat(w.abortNotRun(40, p -> ran.add(p.itt()))).isFalse();
    }
}
