package dev.clusterlab.engine.iscsi.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link Pdu}s into one pooled direct buffer each (header, data, padding, digests), sized
 * exactly so the buffer never grows. Digests are switched on after the final login response.
 */
public final class PduEncoder extends MessageToByteEncoder<Pdu> {
    private boolean headerDigest;
    private boolean dataDigest;

    public PduEncoder() { super(Pdu.class, true); }

    public void digests(boolean header, boolean data) {
        this.headerDigest = header;
        this.dataDigest = data;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Pdu msg, boolean preferDirect) {
        return ctx.alloc().directBuffer(PduCodec.encodedLength(msg, headerDigest, dataDigest));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Pdu msg, ByteBuf out) {
        PduCodec.encode(msg, out, headerDigest, dataDigest);
    }
}
