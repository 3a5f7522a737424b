package dev.clusterlab.app.devices;

import dev.clusterlab.engine.scsi.AscNames;
import dev.clusterlab.engine.scsi.SenseData;
import java.util.Arrays;

/** Texts sg3_utils prints that the engine's formats do not cover: hex dumps, device types, sense. */
public final class SgText {
    private SgText() {}

    /** sg_lib_pdt_strs (lib/sg_lib_data.c): peripheral device type names. */
    private static final String[] PDT = {
        "disk", "tape", "printer", "processor", "write once optical disk", "cd/dvd", "scanner", "optical memory device",
        "medium changer", "communications", "graphics [0xa]", "graphics [0xb]", "storage array controller",
        "enclosure services device", "simplified direct access device", "optical card reader/writer device",
        "bridge controller commands", "object based storage", "automation/driver interface", "security manager device",
        "host managed zoned block", "0x15", "0x16", "0x17", "0x18", "0x19", "0x1a", "0x1b", "0x1c", "0x1d",
        "well known logical unit", "unknown or no device type",
    };

    /** sg_lib_sense_key_desc (lib/sg_lib_data.c). */
    private static final String[] SENSE_KEY = {
        "No Sense", "Recovered Error", "Not Ready", "Medium Error", "Hardware Error", "Illegal Request", "Unit Attention",
        "Data Protect", "Blank Check", "Vendor specific(9)", "Copy Aborted", "Aborted Command", "Equal", "Volume Overflow",
        "Miscompare", "Completed",
    };

    public static String peripheralType(int pdt) { return pdt >= 0 && pdt < PDT.length ? PDT[pdt] : "bad pdt"; }

    /**
     * The first lines of sg_get_sense_str() for fixed-format current sense, which sg_cmds_process_helper()
     * prints for the categories it is "noisy" about (unit attention, medium/hardware, other sense).
     */
    public static String sense(SenseData s) {
        String key = SENSE_KEY[s.key().code() & 0xF];
        return (s.current() ? "Fixed format, current" : "Fixed format, <<<deferred>>>") + "; Sense key: " + key + "\n"
                + "Additional sense: " + AscNames.describe(s.asc(), s.ascq()) + "\n";
    }

    /**
     * dStrHexFp() (lib/sg_lib.c) as hex2stdout(b, len, noAscii) prints it: 16 bytes a line with an
     * extra space after the 8th; {@code noAscii > 0}: address then hex; {@code < 0}: hex only;
     * {@code 0}: address, hex and the printable characters.
     */
    public static String hex(byte[] data, int off, int len, int noAscii) {
        StringBuilder out = new StringBuilder();
        if (len <= 0) return "";
        if (noAscii < 0) {
            char[] buff = blank();
            int bpos = 0;
            for (int k = 0; k < len; k++) {
                if (bpos == 8 * 3) bpos++;
                put(buff, bpos, data[off + k]);
                if (k > 0 && (k + 1) % 16 == 0) {
                    out.append(trim(buff, 80)).append('\n');
                    buff = blank();
                    bpos = 0;
                } else {
                    bpos += 3;
                }
            }
            if (bpos > 0) out.append(trim(buff, bpos + 2)).append('\n');
            return out.toString();
        }
        final int bpstart = 5, cpstart = 60;
        int a = 0, bpos = bpstart, cpos = cpstart;
        char[] buff = address(a);
        for (int i = 0; i < len; i++) {
            int c = data[off + i] & 0xFF;
            bpos += 3;
            if (bpos == bpstart + 9 * 3) bpos++;
            put(buff, bpos, (byte) c);
            buff[cpos++] = noAscii != 0 ? ' ' : (c >= 0x20 && c < 0x7F ? (char) c : '.');
            if (cpos > cpstart + 15) {
                out.append(noAscii != 0 ? trim(buff, 80) : new String(buff, 0, 76)).append('\n');
                bpos = bpstart;
                cpos = cpstart;
                a += 16;
                buff = address(a);
            }
        }
        if (cpos > cpstart) out.append(noAscii != 0 ? trim(buff, cpos) : new String(buff, 0, cpos)).append('\n');
        return out.toString();
    }

    private static char[] blank() {
        char[] b = new char[80];
        Arrays.fill(b, ' ');
        return b;
    }

    private static char[] address(int a) {
        char[] b = blank();
        String s = String.format("%02x", a);
        s.getChars(0, s.length(), b, 1);
        return b;
    }

    private static void put(char[] buff, int pos, byte v) {
        String s = String.format("%02x", v & 0xFF);
        buff[pos] = s.charAt(0);
        buff[pos + 1] = s.charAt(1);
    }

    private static String trim(char[] buff, int end) {
        int e = Math.min(end, buff.length);
        while (e > 0 && buff[e - 1] == ' ') e--;
        return new String(buff, 0, e);
    }
}
