package dev.clusterlab.engine.target;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Maps a CDB to its handler. Opcodes with service actions (PERSISTENT RESERVE IN/OUT have theirs
 * checked by the handler; SERVICE ACTION IN(16) and MAINTENANCE IN are dispatched here) register one
 * entry per service action.
 */
public final class CommandTable {

    /**
     * One supported command.
     *
     * @param serviceAction the service action for opcodes dispatched by service action, else -1
     * @param usage the CDB usage data of REPORT SUPPORTED OPERATION CODES: byte 0 is the opcode, and a
     *     set bit marks a CDB bit the device server looks at; its length is the CDB length
     */
    public record Entry(String name, int opcode, int serviceAction, byte[] usage, CommandHandler handler) {
        public int cdbLength() { return usage.length; }
    }

    private final Entry[] byOpcode = new Entry[256];
    private final List<List<Entry>> byServiceAction = new ArrayList<>(Collections.nCopies(256, null));
    private final List<Entry> all = new ArrayList<>();
    private final List<ResetListener> resetListeners = new ArrayList<>();

    /**
     * State kept by command handlers beyond one command (e.g. held copy results) that resets and
     * I_T nexus loss clear (SAM-5 §6.3; SPC-4 §6.18.2 for copy results). The logical unit calls
     * these after its own reset processing.
     */
    public interface ResetListener {
        /** Logical unit reset, target reset or power on of {@code lu}. */
        void logicalUnitReset(LogicalUnit lu);

        /** I_T nexus loss of {@code nexus} at {@code lu}. */
        void nexusLost(LogicalUnit lu, dev.clusterlab.engine.scsi.ItNexus nexus);
    }

    /** The full SPC/SBC command set of a simulated disk. */
    public static CommandTable standard() {
        CommandTable t = new CommandTable();
        StandardCommands.registerAll(t);
        return t;
    }

    /**
     * The full command set, with EXTENDED COPY able to reach the logical units {@code copyTargets}
     * finds besides the one that runs it (e.g. every LU of an iSCSI target).
     */
    public static CommandTable standard(dev.clusterlab.engine.target.copy.CopyTargetResolver copyTargets) {
        CommandTable t = new CommandTable();
        StandardCommands.registerAll(t, copyTargets);
        return t;
    }

    public CommandTable add(Entry e) {
        if (e.serviceAction() < 0) {
            if (byOpcode[e.opcode()] != null || byServiceAction.get(e.opcode()) != null)
                throw new IllegalArgumentException("duplicate opcode " + e.name());
            byOpcode[e.opcode()] = e;
        } else {
            if (byOpcode[e.opcode()] != null) throw new IllegalArgumentException("opcode has no service actions: " + e.name());
            List<Entry> l = byServiceAction.get(e.opcode());
            if (l == null) byServiceAction.set(e.opcode(), l = new ArrayList<>());
            l.add(e);
        }
        all.add(e);
        return this;
    }

    /**
     * Replaces the handler of a command registered without service actions by {@code wrapper}'s
     * result (which may delegate to the original), e.g. to give a simulated target a known defect.
     */
    public CommandTable wrapHandler(int opcode, java.util.function.UnaryOperator<CommandHandler> wrapper) {
        Entry old = byOpcode[opcode];
        if (old == null) throw new IllegalArgumentException("no command registered for opcode " + opcode);
        Entry replaced = new Entry(old.name(), old.opcode(), old.serviceAction(), old.usage(), wrapper.apply(old.handler()));
        byOpcode[opcode] = replaced;
        all.set(all.indexOf(old), replaced);
        return this;
    }

    /** The entry for this CDB, or null when the command is not supported. */
    public Entry lookup(byte[] cdb) {
        int op = cdb[0] & 0xFF;
        Entry e = byOpcode[op];
        if (e != null) return e;
        List<Entry> l = byServiceAction.get(op);
        if (l == null || cdb.length < 2) return null;
        int sa = cdb[1] & 0x1F;
        for (Entry x : l) if (x.serviceAction() == sa) return x;
        return null;
    }

    public CommandTable addResetListener(ResetListener l) {
        resetListeners.add(l);
        return this;
    }

    /** Tells the handlers' state that {@code lu} was reset (see {@link ResetListener}). */
    public void logicalUnitReset(LogicalUnit lu) { for (ResetListener l : resetListeners) l.logicalUnitReset(lu); }

    /** Tells the handlers' state that {@code nexus} was lost at {@code lu}. */
    public void nexusLost(LogicalUnit lu, dev.clusterlab.engine.scsi.ItNexus nexus) {
        for (ResetListener l : resetListeners) l.nexusLost(lu, nexus);
    }

    /** Whether some service action of this opcode is supported (for 24h/00h vs 20h/00h). */
    public boolean hasOpcode(int opcode) { return byOpcode[opcode] != null || byServiceAction.get(opcode) != null; }

    /** Every entry, in registration order (REPORT SUPPORTED OPERATION CODES lists these). */
    public List<Entry> entries() { return Collections.unmodifiableList(all); }
}
