package dev.clusterlab.engine.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the three pcapng blocks an export needs (draft-ietf-opsawg-pcapng §4): one Section Header
 * Block, Interface Description Blocks, and Enhanced Packet Blocks with {@code opt_comment}s. Little
 * endian throughout; readers learn the order from the byte-order magic (§4.1).
 */
public final class PcapngWriter {
    public static final int SECTION_HEADER = 0x0A0D0D0A;
    public static final int INTERFACE_DESCRIPTION = 0x00000001;
    public static final int ENHANCED_PACKET = 0x00000006;
    public static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    /** LINKTYPE_ETHERNET (the frames carry Ethernet II headers). */
    public static final int LINKTYPE_ETHERNET = 1;

    static final int OPT_END = 0, OPT_COMMENT = 1;
    static final int SHB_USERAPPL = 4;
    static final int IF_NAME = 2, IF_TSRESOL = 9;

    private final OutputStream out;

    public PcapngWriter(OutputStream out) { this.out = out; }

    /** The Section Header Block: version 1.0, section length unknown (-1), §4.1. */
    public void sectionHeader(String application, List<String> comments) throws IOException {
        Options o = new Options();
        for (String c : comments) o.add(OPT_COMMENT, utf8(c));
        o.add(SHB_USERAPPL, utf8(application));
        ByteBuffer body = le(16);
        body.putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
        block(SECTION_HEADER, body.array(), o.bytes());
    }

    /**
     * An Interface Description Block (§4.2) whose timestamps count units of 10^-{@code tsResolutionPow10}
     * seconds ({@code if_tsresol}); nanoseconds (9) keep the timeline's resolution.
     */
    public void interfaceDescription(int linkType, int snapLength, String name, int tsResolutionPow10) throws IOException {
        Options o = new Options();
        o.add(IF_NAME, utf8(name));
        o.add(IF_TSRESOL, new byte[] {(byte) tsResolutionPow10});
        ByteBuffer body = le(8);
        body.putShort((short) linkType).putShort((short) 0).putInt(snapLength);
        block(INTERFACE_DESCRIPTION, body.array(), o.bytes());
    }

    /** An Enhanced Packet Block (§4.3): the whole frame captured, one {@code opt_comment} per comment. */
    public void enhancedPacket(int interfaceId, long timestamp, byte[] frame, List<String> comments) throws IOException {
        Options o = new Options();
        for (String c : comments) o.add(OPT_COMMENT, utf8(c));
        ByteBuffer body = le(20 + padded(frame.length));
        body.putInt(interfaceId).putInt((int) (timestamp >>> 32)).putInt((int) timestamp)
                .putInt(frame.length).putInt(frame.length).put(frame);
        block(ENHANCED_PACKET, body.array(), o.bytes());
    }

    /** Block Type, Block Total Length, body, options, Block Total Length again (§3.1). */
    private void block(int type, byte[] body, byte[] options) throws IOException {
        int total = 12 + body.length + options.length;
        ByteBuffer b = le(total);
        b.putInt(type).putInt(total).put(body).put(options).putInt(total);
        out.write(b.array());
    }

    static int padded(int n) { return (n + 3) & ~3; }

    private static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** Options: code, length, value padded to 32 bits, closed by opt_endofopt (§3.5); none means no end marker either. */
    private static final class Options {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        void add(int code, byte[] value) {
            int len = Math.min(value.length, 0xFFFF);
            ByteBuffer b = le(4 + padded(len));
            b.putShort((short) code).putShort((short) len).put(value, 0, len);
            bytes.writeBytes(b.array());
        }

        byte[] bytes() {
            if (bytes.size() == 0) return new byte[0];
            bytes.writeBytes(new byte[4]); // opt_endofopt
            return bytes.toByteArray();
        }
    }
}
