package dev.clusterlab.engine.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A strict little pcapng reader for the tests: every block's two length fields must agree. */
record PcapngBlocks(List<Block> blocks) {

    record Option(int code, byte[] value) {
        String text() { return new String(value, StandardCharsets.UTF_8); }
    }

    /** One block: type, total length, the fixed body (before options), options. */
    record Block(int type, int totalLength, byte[] body, List<Option> options) {
        List<String> comments() {
            return options.stream().filter(o -> o.code() == PcapngWriter.OPT_COMMENT).map(Option::text).toList();
        }

        /** For an Enhanced Packet Block: the captured frame. */
        byte[] packet() {
            ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            int len = b.getInt(12);
            byte[] p = new byte[len];
            System.arraycopy(body, 20, p, 0, len);
            return p;
        }

        long timestamp() {
            ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            return (Integer.toUnsignedLong(b.getInt(4)) << 32) | Integer.toUnsignedLong(b.getInt(8));
        }
    }

    static PcapngBlocks parse(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Block> blocks = new ArrayList<>();
        while (b.hasRemaining()) {
            int start = b.position();
            int type = b.getInt();
            int total = b.getInt();
            if (total % 4 != 0 || total < 12 || start + total > file.length)
                throw new AssertionError("block at " + start + " has bad length " + total);
            if (b.getInt(start + total - 4) != total) throw new AssertionError("block at " + start + ": trailing length differs");
            int fixed = switch (type) {
                case PcapngWriter.SECTION_HEADER -> 16;
                case PcapngWriter.INTERFACE_DESCRIPTION -> 8;
                case PcapngWriter.ENHANCED_PACKET -> 20 + PcapngWriter.padded(b.getInt(start + 8 + 12));
                default -> throw new AssertionError("unexpected block type " + Integer.toHexString(type));
            };
            byte[] body = new byte[fixed];
            b.get(body);
            List<Option> options = new ArrayList<>();
            int end = start + total - 4;
            while (b.position() < end) {
                int code = Short.toUnsignedInt(b.getShort());
                int len = Short.toUnsignedInt(b.getShort());
                if (code == PcapngWriter.OPT_END) break;
                byte[] v = new byte[len];
                b.get(v);
                b.position(b.position() + PcapngWriter.padded(len) - len);
                options.add(new Option(code, v));
            }
            if (b.position() != end) throw new AssertionError("block at " + start + ": options do not fill the block");
            b.position(start + total);
            blocks.add(new Block(type, total, body, options));
        }
        return new PcapngBlocks(blocks);
    }

    List<Block> packets() { return blocks.stream().filter(x -> x.type() == PcapngWriter.ENHANCED_PACKET).toList(); }
}
