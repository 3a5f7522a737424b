package dev.clusterlab.engine.iscsi.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Frames the byte stream into {@link Pdu}s and {@link DecodeError}s; it never throws for bad
 * input. After a fatal error it discards everything that follows, so the handler can send a Reject
 * and close. Digests are switched on by the login handler once the final login response has gone
 * out (RFC 7143 §13.1: digests apply from the first full-feature PDU).
 */
public final class PduDecoder extends ByteToMessageDecoder {
    private boolean headerDigest;
    private boolean dataDigest;
    private int maxDataSegment;
    private boolean failed;

    /** @param maxDataSegment our MaxRecvDataSegmentLength; longer data segments are a protocol error */
    public PduDecoder(int maxDataSegment) { this.maxDataSegment = maxDataSegment; }

    public void digests(boolean header, boolean data) {
        this.headerDigest = header;
        this.dataDigest = data;
    }

    public void maxDataSegment(int max) { this.maxDataSegment = max; }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        Object decoded = PduCodec.decodeFrame(in, headerDigest, dataDigest, maxDataSegment);
        if (decoded == null) return;
        if (decoded instanceof DecodeError e && e.fatal()) {
            failed = true;
            in.skipBytes(in.readableBytes());
        }
        out.add(decoded);
    }
}
