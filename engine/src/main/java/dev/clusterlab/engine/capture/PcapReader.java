package dev.clusterlab.engine.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the packets of a libpcap ("pcap": both byte orders, microsecond and nanosecond
 * timestamps) or pcapng file (SHB/IDB/EPB/SPB and the obsolete Packet Block, any number of
 * sections and interfaces). It never throws for bad bytes: a file that is neither format is refused
 * with {@link NotACaptureException}; a damaged or truncated one gives the packets before the damage
 * and a {@link Packets#problem() problem} saying where it stopped.
 */
public final class PcapReader {
    private static final int PCAP_MICRO = 0xA1B2C3D4, PCAP_NANO = 0xA1B23C4D;
    private static final int PCAPNG_SHB = 0x0A0D0D0A, PCAPNG_BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int BLOCK_IDB = 1, BLOCK_PACKET = 2, BLOCK_SPB = 3, BLOCK_EPB = 6;
    private static final int OPTION_TSRESOL = 9;

    /** The packets read; {@code problem} is null when the whole file was read, else what stopped reading and where. */
    public record Packets(String format, List<CapturedPacket> packets, String problem) {
        public Packets { packets = List.copyOf(packets); }
    }

    /** The bytes are not a pcap or pcapng capture at all. */
    public static final class NotACaptureException extends Exception {
        private static final long serialVersionUID = 1L;

        public NotACaptureException(String message) { super(message); }
    }

    private PcapReader() {}

    /** Whether {@code head} (the first 4 bytes or more of a file) starts like a pcap or pcapng capture. */
    public static boolean looksLikeCapture(byte[] head) {
        if (head.length < 4) return false;
        int be = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        int le = Integer.reverseBytes(be);
        return be == PCAPNG_SHB || be == PCAP_MICRO || be == PCAP_NANO || le == PCAP_MICRO || le == PCAP_NANO;
    }

    public static Packets read(Path file) throws IOException, NotACaptureException {
        return read(Files.readAllBytes(file));
    }

    public static Packets read(byte[] bytes) throws NotACaptureException {
        if (!looksLikeCapture(bytes)) throw new NotACaptureException("not a pcap or pcapng capture (unknown magic bytes)");
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return b.getInt(0) == PCAPNG_SHB ? readPcapng(b) : readPcap(b);
    }

    // ---------------------------------------------------------------- pcap

    private static Packets readPcap(ByteBuffer b) {
        int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic != PCAP_MICRO && magic != PCAP_NANO) {
            b.order(ByteOrder.LITTLE_ENDIAN);
            magic = b.getInt(0);
        }
        boolean nano = magic == PCAP_NANO;
        String format = "pcap" + (nano ? " (nanosecond)" : "");
        List<CapturedPacket> out = new ArrayList<>();
        if (b.limit() < 24) return new Packets(format, out, "truncated pcap file header (" + b.limit() + " of 24 bytes)");
        int linkType = b.getInt(20) & 0xFFFF; // the upper bits carry the FCS length, not the link type
        int pos = 24;
        while (pos < b.limit()) {
            if (b.limit() - pos < 16) return new Packets(format, out, truncated(pos, out.size(), "record header"));
            long seconds = b.getInt(pos) & 0xFFFF_FFFFL;
            long fraction = b.getInt(pos + 4) & 0xFFFF_FFFFL;
            int captured = b.getInt(pos + 8);
            int original = b.getInt(pos + 12);
            if (captured < 0 || captured > 0x1000_0000)
                return new Packets(format, out, "corrupt pcap record at byte " + pos + ": captured length " + Integer.toUnsignedString(captured));
            if (b.limit() - pos - 16 < captured) return new Packets(format, out, truncated(pos, out.size(), "packet data"));
            byte[] frame = new byte[captured];
            b.get(pos + 16, frame);
            out.add(new CapturedPacket(seconds * 1_000_000_000L + (nano ? fraction : fraction * 1000), linkType, frame, original));
            pos += 16 + captured;
        }
        return new Packets(format, out, null);
    }

    private static String truncated(int pos, int packets, String what) {
        return "file truncated at byte " + pos + " (in a " + what + ") after " + packets + " packets";
    }

    // ---------------------------------------------------------------- pcapng

    /** An Interface Description Block: link type, snap length and timestamp units per second. */
    private record Interface(int linkType, int snapLength, long unitsPerSecond) {}

    private static Packets readPcapng(ByteBuffer b) {
        List<CapturedPacket> out = new ArrayList<>();
        List<Interface> interfaces = new ArrayList<>();
        long lastTime = 0;
        int pos = 0;
        while (pos < b.limit()) {
            if (b.limit() - pos < 12) return new Packets("pcapng", out, truncated(pos, out.size(), "block header"));
            ByteOrder sectionOrder = b.order();
            int type = b.order(ByteOrder.BIG_ENDIAN).getInt(pos);
            if (type == PCAPNG_SHB) {
                // Each section may have its own byte order and interface list (pcapng §4.1).
                int bom = b.getInt(pos + 8);
                if (bom == PCAPNG_BYTE_ORDER_MAGIC) b.order(ByteOrder.BIG_ENDIAN);
                else if (Integer.reverseBytes(bom) == PCAPNG_BYTE_ORDER_MAGIC) b.order(ByteOrder.LITTLE_ENDIAN);
                else return new Packets("pcapng", out, "corrupt section header at byte " + pos + ": bad byte-order magic");
                interfaces.clear();
            } else {
                type = b.order(sectionOrder).getInt(pos);
            }
            int length = b.getInt(pos + 4);
            if (length < 12 || (length & 3) != 0)
                return new Packets("pcapng", out, "corrupt block at byte " + pos + ": length " + Integer.toUnsignedString(length));
            if (b.limit() - pos < length) return new Packets("pcapng", out, truncated(pos, out.size(), "block"));
            int body = pos + 8, bodyEnd = pos + length - 4;
            switch (type) {
                case BLOCK_IDB -> {
                    if (bodyEnd - body < 8) return new Packets("pcapng", out, "corrupt interface block at byte " + pos);
                    interfaces.add(new Interface(b.getShort(body) & 0xFFFF, b.getInt(body + 4), resolution(b, body + 8, bodyEnd)));
                }
                case BLOCK_EPB, BLOCK_PACKET -> {
                    if (bodyEnd - body < 20) return new Packets("pcapng", out, "corrupt packet block at byte " + pos);
                    int id = type == BLOCK_EPB ? b.getInt(body) : b.getShort(body) & 0xFFFF;
                    if (id < 0 || id >= interfaces.size())
                        return new Packets("pcapng", out, "packet block at byte " + pos + " names interface " + id + ", which was never described");
                    Interface itf = interfaces.get(id);
                    long units = ((b.getInt(body + 4) & 0xFFFF_FFFFL) << 32) | (b.getInt(body + 8) & 0xFFFF_FFFFL);
                    int captured = b.getInt(body + 12);
                    if (captured < 0 || captured > bodyEnd - body - 20)
                        return new Packets("pcapng", out, "corrupt packet block at byte " + pos + ": captured length exceeds the block");
                    byte[] frame = new byte[captured];
                    b.get(body + 20, frame);
                    lastTime = toNanos(units, itf.unitsPerSecond());
                    out.add(new CapturedPacket(lastTime, itf.linkType(), frame, b.getInt(body + 16)));
                }
                case BLOCK_SPB -> {
                    // A Simple Packet Block has no timestamp and always belongs to interface 0 (pcapng §4.4).
                    if (interfaces.isEmpty()) return new Packets("pcapng", out, "simple packet block at byte " + pos + " before any interface");
                    Interface itf = interfaces.get(0);
                    int original = b.getInt(body);
                    int captured = Math.min(original, bodyEnd - body - 4);
                    if (itf.snapLength() > 0) captured = Math.min(captured, itf.snapLength());
                    if (captured < 0) return new Packets("pcapng", out, "corrupt simple packet block at byte " + pos);
                    byte[] frame = new byte[captured];
                    b.get(body + 4, frame);
                    out.add(new CapturedPacket(lastTime, itf.linkType(), frame, original));
                }
                default -> { } // statistics, name resolution, custom blocks: nothing a conversation needs
            }
            pos += length;
        }
        return new Packets("pcapng", out, null);
    }

    /** The if_tsresol option: 10^-n (high bit clear) or 2^-n seconds per unit; microseconds by default. */
    private static long resolution(ByteBuffer b, int pos, int end) {
        while (end - pos >= 4) {
            int code = b.getShort(pos) & 0xFFFF, len = b.getShort(pos + 2) & 0xFFFF;
            if (code == 0 || pos + 4 + len > end) break;
            if (code == OPTION_TSRESOL && len >= 1) {
                int v = b.get(pos + 4) & 0xFF;
                int n = v & 0x7F;
                if ((v & 0x80) != 0) return n >= 62 ? Long.MAX_VALUE : 1L << n;
                long r = 1;
                for (int i = 0; i < n && r <= Long.MAX_VALUE / 10; i++) r *= 10;
                return r;
            }
            pos += 4 + ((len + 3) & ~3);
        }
        return 1_000_000L;
    }

    private static long toNanos(long units, long perSecond) {
        if (perSecond == 1_000_000_000L) return units;
        long seconds = Long.divideUnsigned(units, perSecond), rest = Long.remainderUnsigned(units, perSecond);
        return seconds * 1_000_000_000L + (long) (rest * (1e9 / perSecond));
    }
}
