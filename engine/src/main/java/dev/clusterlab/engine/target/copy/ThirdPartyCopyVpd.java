package dev.clusterlab.engine.target.copy;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.target.CommandTable;
import java.io.ByteArrayOutputStream;

/**
 * The Third-party Copy VPD page (8Fh, SPC-4 §7.8.17), built from the command table so that it lists
 * exactly the copy commands dispatched: a Supported Commands descriptor (0001h) with EXTENDED COPY
 * and RECEIVE COPY RESULTS and their service actions, and a Supported Descriptors descriptor (0008h)
 * with the implemented segment and target descriptor type codes. Each third-party copy descriptor
 * is padded to a multiple of 4 bytes.
 */
public final class ThirdPartyCopyVpd {
    private ThirdPartyCopyVpd() {}

    public static final int PAGE_CODE = 0x8F;
    static final int SUPPORTED_COMMANDS = 0x0001, SUPPORTED_DESCRIPTORS = 0x0008;

    /** Whether the table serves third-party copy, and so the page exists and INQUIRY sets 3PC. */
    public static boolean supported(CommandTable table) { return table.hasOpcode(Opcode.EXTENDED_COPY); }

    /** The page, or null when {@link #supported} is false. */
    public static byte[] page(CommandTable table) {
        if (!supported(table)) return null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeDescriptor(body, SUPPORTED_COMMANDS, supportedCommands(table));
        byte[] types = new byte[1 + CopyLimits.IMPLEMENTED_DESCRIPTOR_TYPES.length];
        types[0] = (byte) CopyLimits.IMPLEMENTED_DESCRIPTOR_TYPES.length;
        for (int i = 0; i < CopyLimits.IMPLEMENTED_DESCRIPTOR_TYPES.length; i++)
            types[1 + i] = (byte) CopyLimits.IMPLEMENTED_DESCRIPTOR_TYPES[i];
        writeDescriptor(body, SUPPORTED_DESCRIPTORS, types);
        byte[] b = body.toByteArray();
        byte[] d = new byte[4 + b.length];
        d[1] = (byte) PAGE_CODE;
        Bytes.put16(d, 2, b.length);
        System.arraycopy(b, 0, d, 4, b.length);
        return d;
    }

    /** COMMANDS SUPPORTED LIST LENGTH, then per opcode: OPERATION CODE, SERVICE ACTION LIST LENGTH, the actions. */
    private static byte[] supportedCommands(CommandTable table) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (int op : new int[] {Opcode.EXTENDED_COPY, Opcode.RECEIVE_COPY_RESULTS}) {
            ByteArrayOutputStream actions = new ByteArrayOutputStream();
            for (CommandTable.Entry e : table.entries())
                if (e.opcode() == op && e.serviceAction() >= 0) actions.write(e.serviceAction());
            if (actions.size() == 0) continue;
            list.write(op);
            list.write(actions.size());
            list.writeBytes(actions.toByteArray());
        }
        byte[] l = list.toByteArray();
        byte[] out = new byte[1 + l.length];
        out[0] = (byte) l.length;
        System.arraycopy(l, 0, out, 1, l.length);
        return out;
    }

    /** DESCRIPTOR TYPE, DESCRIPTOR LENGTH (padded content length), content, zero padding. */
    private static void writeDescriptor(ByteArrayOutputStream out, int type, byte[] content) {
        int padded = (content.length + 3) & ~3;
        byte[] header = new byte[4];
        Bytes.put16(header, 0, type);
        Bytes.put16(header, 2, padded);
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[padded - content.length]);
    }
}
