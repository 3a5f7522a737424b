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

    /** Whether some service action of this opcode is supported (for 24h/00h vs 20h/00h). */
    public boolean hasOpcode(int opcode) { return byOpcode[opcode] != null || byServiceAction.get(opcode) != null; }

    /** Every entry, in registration order (REPORT SUPPORTED OPERATION CODES lists these). */
    public List<Entry> entries() { return Collections.unmodifiableList(all); }
}
