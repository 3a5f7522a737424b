package dev.clusterlab.engine.scsi.decode;

import dev.clusterlab.engine.scsi.decode.DecodedField.Severity;

/**
 * Renders a {@link DecodedField} tree as indented text, one field per line, like a packet-details
 * pane: the byte (and bit) position, the name and value, the raw bytes of multi-byte fields, and any
 * note.
 * <pre>
 * [0-9]     PERSISTENT RESERVE OUT CDB: 10 bytes
 * [0]         Operation code: PERSISTENT RESERVE OUT (5Fh)
 * [1].0-4     Service action: PREEMPT AND ABORT (05h)
 * [5-8]       Parameter list length: 24  (00 00 00 18)
 * </pre>
 */
final class FieldRenderer {
    private FieldRenderer() {}

    static String render(DecodedField root) {
        if (root == null) return "";
        int width = labelWidth(root) + 2;
        StringBuilder sb = new StringBuilder(256);
        line(sb, root, 0, width);
        return sb.toString();
    }

    /** "[5]", "[5-8]", "[1].0-4", "[20].3", "[1-3].0-20". */
    static String position(DecodedField f) { return f.position(); }

    private static int labelWidth(DecodedField f) {
        int w = position(f).length();
        for (DecodedField c : f.children()) w = Math.max(w, labelWidth(c));
        return w;
    }

    private static void line(StringBuilder sb, DecodedField f, int depth, int width) {
        String pos = position(f);
        sb.append(pos);
        for (int i = pos.length(); i < width; i++) sb.append(' ');
        for (int i = 0; i < depth; i++) sb.append("  ");
        sb.append(f.name());
        if (!f.value().isEmpty()) sb.append(": ").append(f.value());
        if (showsRaw(f)) {
            sb.append("  (");
            String raw = f.raw();
            for (int i = 0; i + 1 < raw.length(); i += 2) {
                if (i > 0) sb.append(' ');
                sb.append(raw, i, i + 2);
            }
            if (f.length() > DecodedField.RAW_LIMIT) sb.append(" …");
            sb.append(')');
        }
        if (f.severity() != Severity.OK || !f.note().isEmpty()) {
            sb.append("  -- ");
            if (f.severity() != Severity.OK) sb.append(f.severity().name().toLowerCase(java.util.Locale.ROOT)).append(": ");
            sb.append(f.note());
        }
        sb.append('\n');
        for (DecodedField c : f.children()) line(sb, c, depth + 1, width);
    }

    /** Raw bytes help where the value is a number made of several bytes; codes and text already show them. */
    private static boolean showsRaw(DecodedField f) {
        return !f.isBitField() && f.length() > 1 && f.children().isEmpty() && !f.raw().isEmpty()
                && f.numeric().isPresent() && !f.value().startsWith("0x");
    }
}
