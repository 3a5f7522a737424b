package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.SerialNumbers;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Command numbering of one session (RFC 7143 §4.2.2.1). Non-immediate commands run in CmdSN order:
 * one at ExpCmdSN runs at once, later ones inside [ExpCmdSN, MaxCmdSN] wait until the gap fills,
 * and anything outside the window is silently ignored (§4.2.2.1 — libiscsi's iSCSIcmdsn tests
 * check exactly that). Immediate commands run on arrival and do not advance ExpCmdSN.
 */
final class CommandWindow {
    /** A CmdSN that counts as received without running anything (an aborted, not yet arrived command). */
    private static final Pdu SKIPPED = new Pdu.NopOut(false, 0, Pdu.RESERVED_TAG, Pdu.RESERVED_TAG, 0, 0, Pdu.NO_DATA);

    private final int depth;
    private final Map<Integer, Pdu> waiting = new HashMap<>();
    private int expCmdSn;

    CommandWindow(int firstCmdSn, int depth) {
        this.expCmdSn = firstCmdSn;
        this.depth = depth;
    }

    int expCmdSn() { return expCmdSn; }

    int maxCmdSn() { return expCmdSn + depth - 1; }

    /** Runs {@code pdu} (now or once its turn comes) through {@code run}, or drops it. */
    void offer(Pdu pdu, boolean immediate, int cmdSn, Consumer<Pdu> run) {
        if (immediate) {
            run.accept(pdu);
            return;
        }
        if (cmdSn == expCmdSn) {
            expCmdSn++;
            run.accept(pdu);
            drain(run);
        } else if (SerialNumbers.inWindow(cmdSn, expCmdSn + 1, maxCmdSn()) && !waiting.containsKey(cmdSn)) {
            waiting.put(cmdSn, pdu);
        }
    }

    private void drain(Consumer<Pdu> run) {
        Pdu next;
        while ((next = waiting.remove(expCmdSn)) != null) {
            expCmdSn++;
            if (next != SKIPPED) run.accept(next);
        }
    }

    /**
     * ABORT TASK for a command that has not run (RFC 7143 §11.5.1): if {@code cmdSn} is waiting, it
     * is dropped; if it is in the window but has not arrived, it is consumed when it does.
     *
     * @return true when the CmdSN was in the window (the abort then counts as done)
     */
    boolean abortNotRun(int cmdSn, Consumer<Pdu> run) {
        if (!SerialNumbers.inWindow(cmdSn, expCmdSn, maxCmdSn())) return false;
        if (cmdSn == expCmdSn) {
            expCmdSn++;
            waiting.remove(cmdSn);
            drain(run);
        } else {
            waiting.put(cmdSn, SKIPPED);
        }
        return true;
    }

    /** The waiting command with this task tag, if any. */
    Integer waitingCmdSn(int itt) {
        for (var e : waiting.entrySet()) if (e.getValue() != SKIPPED && e.getValue().itt() == itt) return e.getKey();
        return null;
    }
}
