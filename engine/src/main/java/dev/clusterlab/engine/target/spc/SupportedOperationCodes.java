package dev.clusterlab.engine.target.spc;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CdbChecks;
import dev.clusterlab.engine.target.CommandContext;
import dev.clusterlab.engine.target.CommandTable;
import java.util.List;

/**
 * REPORT SUPPORTED OPERATION CODES (SPC-4 §6.35), answered from the LU's command table, so what
 * is reported is exactly what is dispatched.
 */
public final class SupportedOperationCodes {
    private SupportedOperationCodes() {}

    private static final int TIMEOUTS_LENGTH = 12;
    /** Command timeouts descriptor values (seconds): nothing a simulated disk does takes long. */
    private static final int NOMINAL_TIMEOUT = 1, RECOMMENDED_TIMEOUT = 30;

    public static ScsiResponse report(CommandContext ctx) {
        byte[] c = ctx.cdb();
        boolean rctd = Bytes.bit(c, 2, 7);
        int options = Bytes.bits(c, 2, 0, 3);
        int opcode = Bytes.u8(c, 3);
        int serviceAction = Bytes.u16(c, 4);
        long allocation = Bytes.u32(c, 6);
        CommandTable table = ctx.lu().commands();
        byte[] data = switch (options) {
            case 0 -> allCommands(table.entries(), rctd);
            case 1 -> {
                // 001b: the opcode must not have service actions (SPC-4 Table 226).
                if (hasServiceActions(table, opcode)) throw CheckCondition.invalidFieldInCdb(2, 2);
                yield oneCommand(find(table, opcode, -1), rctd);
            }
            case 2 -> {
                // 010b: the opcode must have service actions.
                if (!hasServiceActions(table, opcode) && table.hasOpcode(opcode)) throw CheckCondition.invalidFieldInCdb(2, 2);
                yield oneCommand(find(table, opcode, serviceAction), rctd);
            }
            case 3 -> oneCommand(find(table, opcode, hasServiceActions(table, opcode) ? serviceAction : -1), rctd);
            default -> throw CheckCondition.invalidFieldInCdb(2, 2);
        };
        return CdbChecks.dataIn(ctx, data, allocation);
    }

    private static boolean hasServiceActions(CommandTable table, int opcode) {
        for (CommandTable.Entry e : table.entries()) if (e.opcode() == opcode) return e.serviceAction() >= 0;
        return false;
    }

    private static CommandTable.Entry find(CommandTable table, int opcode, int serviceAction) {
        for (CommandTable.Entry e : table.entries())
            if (e.opcode() == opcode && e.serviceAction() == serviceAction) return e;
        return null;
    }

    /** The all_commands format: a 4-byte length, then one 8-byte descriptor (+ timeouts) per command. */
    private static byte[] allCommands(List<CommandTable.Entry> entries, boolean rctd) {
        int each = 8 + (rctd ? TIMEOUTS_LENGTH : 0);
        byte[] d = new byte[4 + each * entries.size()];
        Bytes.put32(d, 0, (long) each * entries.size());
        int off = 4;
        for (CommandTable.Entry e : entries) {
            d[off] = (byte) e.opcode();
            if (e.serviceAction() >= 0) Bytes.put16(d, off + 2, e.serviceAction());
            d[off + 5] = (byte) ((rctd ? 0x02 : 0) | (e.serviceAction() >= 0 ? 0x01 : 0)); // CTDP, SERVACTV
            Bytes.put16(d, off + 6, e.cdbLength());
            if (rctd) timeouts(d, off + 8);
            off += each;
        }
        return d;
    }

    /** The one_command format: SUPPORT 011b with the CDB usage data, or 001b (not supported) alone. */
    private static byte[] oneCommand(CommandTable.Entry e, boolean rctd) {
        if (e == null) {
            byte[] d = new byte[4];
            d[1] = 0x01;
            return d;
        }
        byte[] usage = e.usage();
        byte[] d = new byte[4 + usage.length + (rctd ? TIMEOUTS_LENGTH : 0)];
        d[1] = (byte) ((rctd ? 0x80 : 0) | 0x03);
        Bytes.put16(d, 2, usage.length);
        System.arraycopy(usage, 0, d, 4, usage.length);
        if (rctd) timeouts(d, 4 + usage.length);
        return d;
    }

    private static void timeouts(byte[] d, int off) {
        Bytes.put16(d, off, 0x0A);
        Bytes.put32(d, off + 4, NOMINAL_TIMEOUT);
        Bytes.put32(d, off + 8, RECOMMENDED_TIMEOUT);
    }
}
